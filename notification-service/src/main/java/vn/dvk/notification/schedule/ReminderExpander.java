package vn.dvk.notification.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import vn.dvk.kit.store.Slices;
import vn.dvk.kit.text.VietnameseOrder;
import vn.dvk.kit.security.Role;
import vn.dvk.notification.schedule.Deadline.DeadlineKind;

/**
 * Decides, when a reminder's time has come, whether it still has a reason to go out and what it says, from the
 * facts as they are then: nothing is sent for something already done, for a day that was moved, or when a later
 * reminder is due too (after downtime only the latest one goes, late; the others are dropped with a log line).
 */
@Component
public class ReminderExpander {

    private static final Logger log = LoggerFactory.getLogger(ReminderExpander.class);
    private static final Set<Role> UNIT_PEOPLE = Set.of(Role.UNIT_OFFICER, Role.COORDINATOR);
    private static final Set<Role> COORDINATORS = Set.of(Role.COORDINATOR);

    /** The notices to send, and what became of each reminder (recorded once the notices are safely queued). */
    public record Expansion(List<Notice> notices, Map<String, Outcome> outcomes) {
    }

    public record Outcome(Reminder.Status status, String reason) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Units units;

    ReminderExpander(MongoTemplate mongo, Clock clock, Units units) {
        this.mongo = mongo;
        this.clock = clock;
        this.units = units;
    }

    public Expansion expand(Collection<String> reminderIds) {
        Instant now = clock.instant();
        // By id alone, so that the store answers from the _id index; those no longer pending are left out here.
        List<Reminder> reminders = mongo.find(new Query(Criteria.where("_id").in(reminderIds)), Reminder.class)
                .stream().filter(r -> r.status() == Reminder.Status.PENDING).toList();
        Map<String, Deadline> deadlines = new HashMap<>();
        Query byId = new Query(Criteria.where("_id").in(reminders.stream().map(Reminder::deadlineId).distinct()
                .toList()));
        if (reminders.stream().noneMatch(r -> Reminder.OVERDUE.equals(r.offset()))) {
            // Only an overdue notice lists who is late: a window's subjects can be thousands of units, read otherwise
            // once per chunk for nothing.
            byId.fields().exclude("subjects");
        }
        for (Deadline d : mongo.find(byId, Deadline.class)) {
            deadlines.put(d.id(), d);
        }
        Map<String, Obligation> obligations = new HashMap<>();
        List<String> wanted = new ArrayList<>();
        for (Reminder r : reminders) {
            if (r.obligationId() != null) {
                wanted.add(r.obligationId());
            } else if (deadlines.containsKey(r.deadlineId())) {
                Deadline d = deadlines.get(r.deadlineId());
                d.subjects().forEach(s -> wanted.add(d.factsOf(s)));
            }
        }
        for (List<String> slice : Slices.of(wanted, 1000)) {
            for (Obligation o : mongo.find(new Query(Criteria.where("_id").in(slice)), Obligation.class)) {
                obligations.put(o.id(), o);
            }
        }
        List<Notice> notices = new ArrayList<>();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Reminder r : reminders) {
            Deadline d = deadlines.get(r.deadlineId());
            Outcome outcome = relevance(r, d, now);
            if (outcome == null) {
                Notice notice = Reminder.OVERDUE.equals(r.offset()) ? overdue(r, d, obligations)
                        : closing(r, d, obligations.get(r.obligationId()), now);
                if (notice == null) {
                    outcome = new Outcome(Reminder.Status.SKIPPED, Reminder.OVERDUE.equals(r.offset())
                            ? "nobody late" : "already done");
                } else {
                    notices.add(notice);
                    outcome = new Outcome(Reminder.Status.SENT, null);
                }
            }
            if (outcome.status() == Reminder.Status.DROPPED) {
                log.info("Dropped reminder {} due at {}: {}", r.id(), r.dueAt(), outcome.reason());
            }
            outcomes.put(r.id(), outcome);
        }
        return new Expansion(notices, outcomes);
    }

    /**
     * Records what became of the reminders (all pending when expanded), by id alone so that the store answers from
     * the _id index.
     */
    public void record(Map<String, Outcome> outcomes) {
        Map<Outcome, List<String>> byOutcome = new HashMap<>();
        outcomes.forEach((id, o) -> byOutcome.computeIfAbsent(o, k -> new ArrayList<>()).add(id));
        byOutcome.forEach((o, ids) -> mongo.updateMulti(new Query(Criteria.where("_id").in(ids)), new Update()
                .set("status", o.status()).set("reason", o.reason()).set("updatedAt", clock.instant()),
                Reminder.class));
    }

    /** Null when the reminder is still relevant; otherwise why it is dropped. */
    private static Outcome relevance(Reminder r, Deadline d, Instant now) {
        if (d == null) {
            return new Outcome(Reminder.Status.DROPPED, "deadline unknown");
        }
        if (!r.due().equals(d.due())) {
            return new Outcome(Reminder.Status.DROPPED, "rescheduled to " + d.due());
        }
        if (Reminder.OVERDUE.equals(r.offset())) {
            return null;
        }
        if (!d.offsets().contains(r.offset())) {
            return new Outcome(Reminder.Status.DROPPED, "offsets changed");
        }
        if (!now.isBefore(d.passesAt())) {
            return new Outcome(Reminder.Status.DROPPED, "deadline passed before it could be sent");
        }
        if (r.nextDueAt() != null && !now.isBefore(r.nextDueAt())) {
            return new Outcome(Reminder.Status.DROPPED, "superseded by the next reminder, due at " + r.nextDueAt());
        }
        return null;
    }

    private Notice closing(Reminder r, Deadline d, Obligation o, Instant now) {
        if (o == null || !isOpen(d, o)) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("closes", Notices.DATE.format(d.due()));
        values.put("daysLeft", Long.toString(Math.max(0, ChronoUnit.DAYS.between(
                LocalDate.ofInstant(now, ZoneId.of(d.zone())), d.due()))));
        if (d.kind() == DeadlineKind.SCORECARDS) {
            values.put("reviewer", o.subject());
            values.put("roundTitle", d.title());
            values.put("unsubmitted", Long.toString(o.unsubmitted()));
            return new Notice(r.id(), r.type(), o.unitCode(), Set.of(), o.subject(), values, r.templates(),
                    d.refId(), r.correlationId());
        }
        values.put("unitName", units.name(o.subject()));
        values.put(titleName(d.kind()), d.title());
        switch (d.kind()) {
            case WINDOW -> {
                values.put("collectiveLeft", Long.toString(left(d, o, "COLLECTIVE")));
                values.put("individualLeft", Long.toString(left(d, o, "INDIVIDUAL")));
            }
            case PROGRESS -> {
                List<String> models = o.unreported(d.from(), d.due());
                values.put("unreported", Integer.toString(models.size()));
                values.put("models", String.join("\n", models.stream().map(t -> "- " + t).toList()));
            }
            default -> {
            }
        }
        return new Notice(r.id(), r.type(), o.subject(), UNIT_PEOPLE, null, values, r.templates(), d.refId(),
                r.correlationId());
    }

    /** The placeholder that names what the deadline belongs to. */
    private static String titleName(DeadlineKind kind) {
        return switch (kind) {
            case WINDOW, PROGRESS -> "campaignTitle";
            case SCORECARDS -> "roundTitle";
            case SELF_ASSESSMENT -> "schemeTitle";
        };
    }

    /** One line of an overdue notice's list, in both languages. */
    private record Late(String who, String vi, String en) {
    }

    private Notice overdue(Reminder r, Deadline d, Map<String, Obligation> obligations) {
        List<Late> late = new ArrayList<>();
        for (String subject : d.subjects()) {
            Obligation o = obligations.get(d.factsOf(subject));
            if (o == null || !isOpen(d, o)) {
                continue;
            }
            String who = "- " + (d.kind().ofUnits() ? units.name(subject) : subject);
            late.add(switch (d.kind()) {
                case WINDOW -> new Late(who, who + ": còn " + left(d, o, "COLLECTIVE") + " mô hình tập thể, "
                        + left(d, o, "INDIVIDUAL") + " mô hình cá nhân", who + ": " + left(d, o, "COLLECTIVE")
                        + " collective and " + left(d, o, "INDIVIDUAL") + " individual models to go");
                case PROGRESS -> {
                    int n = o.unreported(d.from(), d.due()).size();
                    yield new Late(who, who + ": " + n + " mô hình chưa báo cáo tiến độ", who + ": " + n
                            + (n == 1 ? " model" : " models") + " without a progress report");
                }
                case SCORECARDS -> new Late(who, who + ": " + o.unsubmitted() + " phiếu chấm chưa nộp", who + ": "
                        + o.unsubmitted() + " scorecards missing");
                case SELF_ASSESSMENT -> new Late(who, who, who);
            });
        }
        if (late.isEmpty()) {
            return null;
        }
        late.sort(Comparator.comparing(l -> VietnameseOrder.sortKey(l.who())));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("unitName", units.name(d.unitCode()));
        values.put(titleName(d.kind()), d.title());
        values.put("closes", Notices.DATE.format(d.due()));
        values.put("lateCount", Integer.toString(late.size()));
        values.put("lateList", String.join("\n", late.stream().map(Late::vi).toList()));
        values.put("lateList.en", String.join("\n", late.stream().map(Late::en).toList()));
        return new Notice(r.id(), r.type(), d.unitCode(), COORDINATORS, null, values, r.templates(), d.refId(),
                r.correlationId());
    }

    /**
     * Whether the obligation is still open: places left below the quota, running models not reported for the
     * period, scorecards not submitted, or no self-assessment submitted.
     */
    public boolean isOpen(Deadline d, Obligation o) {
        return switch (d.kind()) {
            case WINDOW -> left(d, o, "COLLECTIVE") > 0 || left(d, o, "INDIVIDUAL") > 0;
            case PROGRESS -> !o.unreported(d.from(), d.due()).isEmpty();
            case SCORECARDS -> o.unsubmitted() > 0;
            case SELF_ASSESSMENT -> o.submitted() == null || o.submitted().isEmpty();
        };
    }

    /** Places of a kind the unit may still fill. */
    long left(Deadline d, Obligation o, String kind) {
        Integer quota = d.quotas() == null ? null : d.quotas().get(units.kind(o.subject()) + "/" + kind);
        return quota == null ? 0 : Math.max(0, quota - o.holding(kind));
    }
}
