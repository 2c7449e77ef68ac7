package vn.dvk.notification.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import vn.dvk.kit.consume.IdempotentWrites;
import vn.dvk.kit.store.Slices;
import vn.dvk.kit.web.CorrelationId;
import vn.dvk.notification.NotificationSettings;
import vn.dvk.notification.schedule.Deadline.DeadlineKind;
import vn.dvk.notification.template.NotificationType;
import vn.dvk.notification.template.Templates;

/**
 * Turns deadlines into reminders: for each obligation one reminder per offset, and one overdue notice per deadline.
 * Planning is idempotent (reminder ids name what they are for), so it runs again whenever a deadline's date, offsets
 * or subjects change; reminders made for a date or an offset that no longer holds are dropped.
 */
@Component
public class ReminderPlanner {

    private static final Logger log = LoggerFactory.getLogger(ReminderPlanner.class);
    /** Why {@link #withdraw} dropped a reminder (and what {@link #reinstate} looks for). */
    private static final String WITHDRAWN = "deadline withdrawn";

    private final MongoTemplate mongo;
    private final IdempotentWrites writes;
    private final Batches batches;
    private final Templates templates;
    private final NotificationSettings settings;
    private final Clock clock;

    ReminderPlanner(MongoTemplate mongo, IdempotentWrites writes, Batches batches, Templates templates,
            NotificationSettings settings, Clock clock) {
        this.mongo = mongo;
        this.writes = writes;
        this.batches = batches;
        this.templates = templates;
        this.settings = settings;
        this.clock = clock;
    }

    /** The default offsets, as stored on a deadline. */
    public List<String> defaultOffsets() {
        return settings.reminders().offsets().stream().map(Deadline::offsetText).toList();
    }

    public Optional<Deadline> deadline(String id) {
        return Optional.ofNullable(mongo.findById(id, Deadline.class));
    }

    /**
     * Creates the deadline or updates its facts, keeping offsets set for it; subjects are added to those it has.
     * Then plans its reminders.
     */
    public Deadline upsert(DeadlineKind kind, String refId, String unitCode, String title, LocalDate due, String zone,
            Map<String, Integer> quotas, List<String> subjects, Map<String, String> subjectUnits) {
        return upsert(kind, refId, unitCode, title, due, null, zone, quotas, subjects, subjectUnits);
    }

    private Deadline upsert(DeadlineKind kind, String refId, String unitCode, String title, LocalDate due,
            LocalDate from, String zone, Map<String, Integer> quotas, List<String> subjects,
            Map<String, String> subjectUnits) {
        String id = Deadline.idOf(kind, refId);
        Deadline before = mongo.findById(id, Deadline.class);
        Update update = new Update().set("kind", kind).set("refId", refId).setOnInsert("offsets", defaultOffsets())
                .addToSet("subjects").each(subjects.toArray());
        if (unitCode != null) {
            update.set("unitCode", unitCode);
        }
        if (title != null) {
            update.set("title", title);
        }
        if (due != null && (before == null || before.due() == null)) {
            update.set("due", due);
        }
        if (from != null) {
            update.set("from", from);
        }
        update.set("zone", zone != null ? zone : before != null && before.zone() != null ? before.zone()
                : settings.zone().getId());
        if (quotas != null) {
            update.set("quotas", quotas);
        }
        mongo.upsert(new Query(Criteria.where("_id").is(id)), update, Deadline.class);
        Deadline deadline = mongo.findById(id, Deadline.class);
        for (String subject : subjects) {
            Update obligation = new Update().setOnInsert("deadlineId", deadline.factsDeadlineId())
                    .setOnInsert("subject", subject);
            if (subjectUnits.containsKey(subject)) {
                obligation.set("unitCode", subjectUnits.get(subject));
            } else {
                // A unit is its own; a reviewer belongs to the round's unit until an assignment says more.
                obligation.setOnInsert("unitCode", kind.ofUnits() ? subject : unitCode);
            }
            mongo.upsert(new Query(Criteria.where("_id").is(deadline.factsOf(subject))), obligation,
                    Obligation.class);
        }
        if (before != null && due != null && before.due() != null && !before.due().equals(due)) {
            return moveTo(deadline, due);
        }
        if (before != null && before.due() == null && due != null) {
            reinstate(deadline);
        }
        plan(deadline, subjects);
        return deadline;
    }

    /**
     * The deadline is no longer asked for (a grading scheme saved again without its self-assessment day): its pending
     * reminders are dropped, and it has no day until one is given again.
     */
    public void withdraw(DeadlineKind kind, String refId) {
        Deadline deadline = mongo.findById(Deadline.idOf(kind, refId), Deadline.class);
        if (deadline == null || deadline.due() == null) {
            return;
        }
        mongo.updateFirst(new Query(Criteria.where("_id").is(deadline.id())), new Update().unset("due"),
                Deadline.class);
        drop(idsFor(deadline, deadline.subjects(), deadline.due(), deadline.offsets(), true), WITHDRAWN);
        log.info("Deadline {} withdrawn: its pending reminders dropped", deadline.id());
    }

    /** Given its day again: the reminders {@link #withdraw} dropped for that day wait again for their time. */
    private void reinstate(Deadline deadline) {
        List<Reminder> dropped = mongo.find(byIds(idsFor(deadline, deadline.subjects(), deadline.due(),
                deadline.offsets(), true)), Reminder.class).stream()
                .filter(r -> r.status() == Reminder.Status.DROPPED && WITHDRAWN.equals(r.reason())).toList();
        if (dropped.isEmpty()) {
            return;
        }
        mongo.updateMulti(byIds(dropped.stream().map(Reminder::id).toList()), causedNow(new Update()
                .set("status", Reminder.Status.PENDING).unset("reason").set("updatedAt", clock.instant())),
                Reminder.class);
        Map<String, Instant> due = new LinkedHashMap<>();
        dropped.forEach(r -> due.put(r.id(), r.dueAt()));
        batches.addReminders(due);
    }

    /**
     * A campaign's progress-report days become deadlines, each owed by the units with models being carried out (the
     * first from the day the window opened, each next one from the day after the one before).
     */
    public void progressSchedule(String campaignId, String unitCode, String title, LocalDate opens, String zone,
            List<LocalDate> days) {
        if (days.isEmpty()) {
            return;
        }
        String window = Deadline.idOf(DeadlineKind.WINDOW, campaignId);
        // Registrations approved before this event was read (the topics are read independently) already owe.
        List<String> owing = mongo.find(new Query(Criteria.where("deadlineId").is(window)), Obligation.class).stream()
                .filter(o -> o.running() != null && !o.running().isEmpty()).map(Obligation::subject).toList();
        LocalDate from = opens;
        for (LocalDate due : days.stream().sorted().distinct().toList()) {
            upsert(DeadlineKind.PROGRESS, Deadline.progressRef(campaignId, due), unitCode, title, due, from, zone,
                    null, owing, Map.of());
            from = due.plusDays(1);
        }
    }

    /**
     * A unit of the campaign has a model being carried out: it owes every progress report of the campaign (its
     * reminders are planned, or given another chance if they were skipped while it had none).
     */
    public void progressOwed(String campaignId, String unitCode) {
        Query ofCampaign = new Query(Criteria.where("kind").is(DeadlineKind.PROGRESS).and("refId")
                .regex("^" + java.util.regex.Pattern.quote(campaignId + "/")));
        // Deadlines are few (a handful per campaign, round and scheme): reading them all is cheap.
        for (Deadline d : mongo.find(ofCampaign, Deadline.class)) {
            if (!d.subjects().contains(unitCode)) {
                upsert(DeadlineKind.PROGRESS, d.refId(), null, null, d.due(), null, null, List.of(unitCode),
                        Map.of());
            }
            revive(d.id(), unitCode);
        }
    }

    /**
     * Gives a subject's skipped reminders another chance after its obligation opened again (a new assignment, a
     * model withdrawn): one that was due while nothing was owed goes out now, if it is still the latest one due and
     * the deadline has not passed (the dispatcher decides, as for any late reminder).
     */
    public void revive(String deadlineId, String subject) {
        Deadline deadline = mongo.findById(deadlineId, Deadline.class);
        if (deadline == null || deadline.due() == null || !deadline.subjects().contains(subject)) {
            return;
        }
        List<String> revived = inStatus(idsFor(deadline, List.of(subject), deadline.due(), deadline.offsets(), false),
                Reminder.Status.SKIPPED);
        if (revived.isEmpty()) {
            return;
        }
        mongo.updateMulti(byIds(revived), causedNow(new Update().set("status", Reminder.Status.PENDING)
                .unset("reason").set("updatedAt", clock.instant())), Reminder.class);
        Map<String, Instant> due = new LinkedHashMap<>();
        revived.forEach(id -> due.put(id, clock.instant()));
        batches.addReminders(due);
    }

    /** Moves a deadline to another day: what was planned for the old day is dropped and the new day is planned. */
    public Deadline moveTo(Deadline deadline, LocalDate due) {
        LocalDate old = deadline.due();
        mongo.updateFirst(new Query(Criteria.where("_id").is(deadline.id())), new Update().set("due", due),
                Deadline.class);
        drop(idsFor(deadline, deadline.subjects(), old, deadline.offsets(), true), "rescheduled to " + due);
        Deadline moved = mongo.findById(deadline.id(), Deadline.class);
        plan(moved, moved.subjects());
        log.info("Deadline {} moved from {} to {}: reminders planned again", deadline.id(), old, due);
        return moved;
    }

    /** Sets the offsets of a deadline: reminders at offsets no longer wanted are dropped, new ones planned. */
    public Deadline setOffsets(Deadline deadline, List<Duration> offsets) {
        List<String> wanted = offsets.stream().sorted(Comparator.reverseOrder()).distinct().map(Deadline::offsetText)
                .toList();
        mongo.updateFirst(new Query(Criteria.where("_id").is(deadline.id())), new Update().set("offsets", wanted),
                Deadline.class);
        List<String> removed = deadline.offsets().stream().filter(o -> !wanted.contains(o)).toList();
        drop(idsFor(deadline, deadline.subjects(), deadline.due(), removed, false), "offsets changed");
        Deadline changed = mongo.findById(deadline.id(), Deadline.class);
        // Every reminder is planned again: a new offset changes which one comes next for the others.
        plan(changed, changed.subjects(), true);
        return changed;
    }

    void plan(Deadline deadline, List<String> subjects) {
        plan(deadline, subjects, false);
    }

    /** Plans the reminders of the subjects and the deadline's overdue notice; existing ones are kept as they are. */
    private void plan(Deadline deadline, List<String> subjects, boolean refreshNext) {
        if (deadline.due() == null) {
            return;
        }
        List<Duration> offsets = deadline.offsets().stream().map(Duration::parse)
                .sorted(Comparator.reverseOrder()).toList();
        NotificationType closing = deadline.kind().reminder;
        NotificationType overdue = deadline.kind().overdue;
        Map<String, Integer> closingTemplates = templates.pin(closing);
        Instant now = clock.instant();
        // What planned them is what their messages were caused by (reminders planned before are kept as they are).
        String correlationId = CorrelationId.current();
        Map<String, String> units = new LinkedHashMap<>();
        for (Obligation o : mongo.find(new Query(Criteria.where("_id").in(subjects.stream()
                .map(deadline::factsOf).toList())), Obligation.class)) {
            units.put(o.subject(), o.unitCode());
        }
        List<Reminder> reminders = new ArrayList<>();
        for (String subject : subjects) {
            String obligation = Obligation.idOf(deadline.id(), subject);
            String facts = deadline.factsOf(subject);
            for (int i = 0; i < offsets.size(); i++) {
                Instant at = deadline.reminderAt(offsets.get(i), settings.reminders().sendAt());
                Instant next = i + 1 < offsets.size()
                        ? deadline.reminderAt(offsets.get(i + 1), settings.reminders().sendAt()) : null;
                String offset = Deadline.offsetText(offsets.get(i));
                reminders.add(new Reminder(Reminder.idOf(obligation, deadline.due(), offset), deadline.id(),
                        facts, closing, deadline.due(), offset, at, next,
                        units.getOrDefault(subject, subject), subject, closingTemplates, Reminder.Status.PENDING, null,
                        now, correlationId));
            }
        }
        reminders.add(new Reminder(Reminder.idOf(deadline.id(), deadline.due(), Reminder.OVERDUE), deadline.id(), null,
                overdue, deadline.due(), Reminder.OVERDUE, deadline.overdueAt(settings.reminders().sendAt()), null,
                deadline.unitCode(), deadline.unitCode(), templates.pin(overdue), Reminder.Status.PENDING, null, now,
                correlationId));
        writes.insertAllOnce(reminders, Reminder.COLLECTION);
        if (refreshNext) {
            for (Reminder r : reminders) {
                // Which reminder comes next changes with the offsets.
                mongo.updateFirst(new Query(Criteria.where("_id").is(r.id())), new Update().set("nextDueAt",
                        r.nextDueAt()), Reminder.class);
            }
        }
        Map<String, Instant> due = new LinkedHashMap<>();
        reminders.forEach(r -> due.put(r.id(), r.dueAt()));
        batches.addReminders(due);
    }

    /**
     * A reminder given another chance goes out because of what is being handled now: its messages carry that
     * correlation id (if there is one) instead of the one it was planned with.
     */
    private static Update causedNow(Update update) {
        String correlationId = CorrelationId.current();
        return correlationId == null ? update : update.set("correlationId", correlationId);
    }

    private static List<String> idsFor(Deadline deadline, List<String> subjects, LocalDate due, List<String> offsets,
            boolean overdue) {
        List<String> ids = new ArrayList<>();
        for (String subject : subjects) {
            for (String offset : offsets) {
                ids.add(Reminder.idOf(Obligation.idOf(deadline.id(), subject), due, offset));
            }
        }
        if (overdue) {
            ids.add(Reminder.idOf(deadline.id(), due, Reminder.OVERDUE));
        }
        return ids;
    }

    private void drop(List<String> ids, String reason) {
        for (List<String> slice : Slices.of(ids, 500)) {
            mongo.updateMulti(byIds(inStatus(slice, Reminder.Status.PENDING)), new Update()
                    .set("status", Reminder.Status.DROPPED).set("reason", reason).set("updatedAt", clock.instant()),
                    Reminder.class);
        }
    }

    /**
     * Those of the reminders in {@code status}, read by id alone and filtered here: a condition beside {@code _id}
     * would make the MongoDB-wire server read the whole collection.
     */
    private List<String> inStatus(List<String> ids, Reminder.Status status) {
        return mongo.find(byIds(ids), Reminder.class).stream().filter(r -> r.status() == status).map(Reminder::id)
                .toList();
    }

    private static Query byIds(List<String> ids) {
        return new Query(Criteria.where("_id").in(ids));
    }
}
