package vn.dvk.notification.recipient;

import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.Role;

/**
 * Demo data for {@code ./run.sh} ({@code DVK_DEMO_SEED=true}): the demo accounts of Hà Nội, Ba Đình and Ngọc Hà in
 * the directory, by inbox and e-mail (the local SMTP server lists what they receive), so that the demo campaign's
 * reminders and notices reach people. Entries that exist are left as they are.
 */
@Component
@ConditionalOnProperty(name = "dvk.demo.seed", havingValue = "true")
class DemoRecipients implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoRecipients.class);

    private final Recipients recipients;

    DemoRecipients(Recipients recipients) {
        this.recipients = recipients;
    }

    @Override
    public void run(ApplicationArguments args) {
        int created = 0;
        for (String[] person : List.of(new String[] {"coordinator.01", "01", "COORDINATOR"},
                new String[] {"reviewer.01", "01", "REVIEWER"}, new String[] {"officer.00004", "00004", "UNIT_OFFICER"},
                new String[] {"coordinator.00004", "00004", "COORDINATOR"},
                new String[] {"officer.00008", "00008", "UNIT_OFFICER"})) {
            try {
                recipients.create(new RecipientForm(person[1], person[0], "Tài khoản mẫu " + person[0],
                        person[0] + "@dvk.local", null, Set.of(Role.valueOf(person[2])),
                        Set.of(Channel.INBOX, Channel.EMAIL), "vi", null, false, true), "demo", unit -> true);
                created++;
            } catch (DomainException exists) {
                // Seeded on an earlier start.
            }
        }
        log.info("Demo recipients: {} added", created);
    }
}
