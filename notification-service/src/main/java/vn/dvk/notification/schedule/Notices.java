package vn.dvk.notification.schedule;

import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.web.CorrelationId;
import vn.dvk.notification.template.NotificationType;
import vn.dvk.notification.template.Templates;

/**
 * Queues a message about an event, to go out at once, with the template versions current now and the correlation id
 * of the event (or request) being handled, which its deliveries carry into {@code notification-events}.
 */
@Component
public class Notices {

    /** How dates read in messages: 31/12/2026. */
    public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** The people of a unit who act on its registrations and results. */
    public static final Set<Role> UNIT_PEOPLE = Set.of(Role.UNIT_OFFICER, Role.COORDINATOR);

    private final Batches batches;
    private final Templates templates;

    Notices(Batches batches, Templates templates) {
        this.batches = batches;
        this.templates = templates;
    }

    /** To the people of {@code unitCode} with any of {@code roles}; {@code key} (the event id) makes it unique. */
    public void toUnit(String key, NotificationType type, String unitCode, Set<Role> roles,
            Map<String, String> values, String reference) {
        batches.addNotice(new Notice(key, type, unitCode, roles, null, values, templates.pin(type), reference,
                CorrelationId.current()));
    }

    /** To one person, by user name; {@code unitCode} is where their inbox item belongs if the directory lacks them. */
    public void toUser(String key, NotificationType type, String username, String unitCode,
            Map<String, String> values, String reference) {
        batches.addNotice(new Notice(key, type, unitCode, Set.of(), username, values, templates.pin(type),
                reference, CorrelationId.current()));
    }
}
