package vn.dvk.notification.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dvk.kit.audit.AuditTrail;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;
import vn.dvk.kit.store.Slices;
import vn.dvk.kit.web.Paging;
import vn.dvk.notification.schedule.Deadline.DeadlineKind;
import vn.dvk.notification.template.NotificationType;

/** The reminder schedule of a campaign's window or a review round, and when before a campaign's deadline it reminds. */
@RestController
class ReminderController {

    /**
     * A reminder as people see it. {@code status} CANCELLED means pending, but what it asks for is done by now (a unit
     * reached its quota, a reviewer submitted): it will not be sent unless that changes back. {@code templates} are the
     * template versions it will be written with (per language), fixed when it was planned.
     */
    record ReminderView(String id, NotificationType type, String unitCode, String unitName, String subject,
            String offset, LocalDate due, Instant dueAt, String status, String reason,
            Map<String, Integer> templates) {
    }

    record OffsetsView(String campaignId, LocalDate closes, String zone, List<String> offsets) {
    }

    record OffsetsForm(
            @NotEmpty @Size(max = 10)
            List<@NotNull @Pattern(regexp = "P(\\d{1,3}D)?(T(\\d{1,4}H)?(\\d{1,6}M)?)?") String> offsets) {
    }

    private final MongoTemplate mongo;
    private final ReminderPlanner planner;
    private final ReminderExpander expander;
    private final Units units;
    private final UnitAccess access;
    private final AuditTrail audit;

    ReminderController(MongoTemplate mongo, ReminderPlanner planner, ReminderExpander expander, Units units,
            UnitAccess access, AuditTrail audit) {
        this.mongo = mongo;
        this.planner = planner;
        this.expander = expander;
        this.units = units;
        this.access = access;
        this.audit = audit;
    }

    /**
     * The reminders of one deadline, by time due: a campaign's registration window ({@code campaignId}), or its
     * progress reports due on a day ({@code campaignId} and {@code progressDue}), a review round ({@code roundId})
     * or a grading scheme's self-assessment ({@code schemeId}). Those of {@code unitCode} (which must be within the
     * caller's unit), or of every unit within the caller's; {@code status} filters on the status shown.
     */
    @GetMapping("/api/notification/reminders")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.UNIT_OFFICER})
    Page<ReminderView> list(@RequestParam(required = false) String campaignId,
            @RequestParam(required = false) LocalDate progressDue, @RequestParam(required = false) String roundId,
            @RequestParam(required = false) String schemeId, @RequestParam(required = false) String unitCode,
            @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (java.util.stream.Stream.of(campaignId, roundId, schemeId).filter(java.util.Objects::nonNull).count() != 1
                || (progressDue != null && campaignId == null)) {
            throw DomainException.unprocessable("reminders-need-one-of", "campaignId, roundId, schemeId");
        }
        String deadlineId = campaignId != null ? (progressDue != null
                ? Deadline.idOf(DeadlineKind.PROGRESS, Deadline.progressRef(campaignId, progressDue))
                : Deadline.idOf(DeadlineKind.WINDOW, campaignId))
                : roundId != null ? Deadline.idOf(DeadlineKind.SCORECARDS, roundId)
                : Deadline.idOf(DeadlineKind.SELF_ASSESSMENT, schemeId);
        if (unitCode != null) {
            access.requireCovers(unitCode, "reminders?unitCode=" + unitCode);
        }
        Deadline deadline = mongo.findById(deadlineId, Deadline.class);
        if (deadline == null) {
            return Page.empty(PageRequest.of(Math.max(0, page), Math.max(1, Math.min(size, Paging.MAX_SIZE))));
        }
        Criteria c = Criteria.where("deadlineId").is(deadlineId);
        if (unitCode != null) {
            c = c.and("unitCode").is(unitCode);
        }
        List<Reminder> visible = mongo.find(new Query(c), Reminder.class).stream()
                .filter(r -> access.covers(r.unitCode()))
                .sorted(Comparator.comparing(Reminder::dueAt).thenComparing(Reminder::id)).toList();
        Map<String, Obligation> obligations = new HashMap<>();
        List<String> ids = visible.stream().map(Reminder::obligationId).filter(java.util.Objects::nonNull).distinct()
                .toList();
        for (List<String> slice : Slices.of(ids, 1000)) {
            mongo.find(new Query(Criteria.where("_id").in(slice)), Obligation.class)
                    .forEach(o -> obligations.put(o.id(), o));
        }
        List<ReminderView> views = new ArrayList<>();
        for (Reminder r : visible) {
            String shown = r.status().name();
            Obligation o = r.obligationId() == null ? null : obligations.get(r.obligationId());
            if (r.status() == Reminder.Status.PENDING && o != null && !expander.isOpen(deadline, o)) {
                shown = "CANCELLED";
            }
            if (status == null || status.equalsIgnoreCase(shown)) {
                views.add(new ReminderView(r.id(), r.type(), r.unitCode(), units.name(r.unitCode()), r.subject(),
                        r.offset(), r.due(), r.dueAt(), shown, r.reason(), r.templates()));
            }
        }
        PageRequest request = Paging.of(page, size, org.springframework.data.domain.Sort.unsorted());
        int from = (int) Math.min(views.size(), request.getOffset());
        return new PageImpl<>(views.subList(from, Math.min(views.size(), from + request.getPageSize())), request,
                views.size());
    }

    @GetMapping("/api/notification/campaigns/{campaignId}/reminder-offsets")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.UNIT_OFFICER})
    OffsetsView offsets(@PathVariable String campaignId) {
        Deadline d = window(campaignId);
        return new OffsetsView(campaignId, d.due(), d.zone(), d.offsets());
    }

    /**
     * Sets how long before the campaign's registration window closes its units are reminded: ISO durations, P7D for
     * seven days (sent at the morning hour), PT2H for two hours before the window closes. Reminders at offsets
     * dropped from the list are dropped; new ones are planned (and sent at once, late, when their time has passed
     * but the window is still open and no later one is due).
     */
    @PutMapping("/api/notification/campaigns/{campaignId}/reminder-offsets")
    @Allow({Role.ADMIN, Role.COORDINATOR})
    OffsetsView setOffsets(@PathVariable String campaignId, @Valid @RequestBody OffsetsForm form) {
        Deadline d = window(campaignId);
        access.requireCovers(d.unitCode(), "campaigns/" + campaignId + "/reminder-offsets");
        List<Duration> offsets = new ArrayList<>();
        for (String text : form.offsets()) {
            Duration offset = offset(text);
            if (offset == null || offset.isZero() || offset.compareTo(Duration.ofDays(366)) > 0) {
                throw DomainException.unprocessable("reminder-offset-invalid", text);
            }
            offsets.add(offset);
        }
        Deadline changed = planner.setOffsets(d, offsets);
        audit.record("reminder-offsets.set", "OK", changed.id(), Map.of("offsets", changed.offsets()));
        return new OffsetsView(campaignId, changed.due(), changed.zone(), changed.offsets());
    }

    /** The offset, or null for what the pattern lets through but is no duration ({@code P}, {@code PT}, {@code P1DT}). */
    private static Duration offset(String text) {
        try {
            return Duration.parse(text);
        } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    private Deadline window(String campaignId) {
        return access.visibleAlongPath(planner.deadline(Deadline.idOf(DeadlineKind.WINDOW, campaignId)),
                Deadline::unitCode, "campaigns/" + campaignId,
                () -> DomainException.notFound("campaign-not-found", campaignId));
    }
}
