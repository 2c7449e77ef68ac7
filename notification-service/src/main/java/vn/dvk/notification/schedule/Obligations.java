package vn.dvk.notification.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import vn.dvk.notification.schedule.Deadline.DeadlineKind;

/**
 * Keeps obligations up to date with the facts. Each change is one conditional write to one document, correct in any
 * order and however often an event is delivered; no reminder is touched: whether a reminder is still wanted is read
 * from its obligation when its time comes (and when the schedule is listed).
 */
@Component
public class Obligations {

    /** The statuses in which a registration takes one of its unit's places (as registration-service counts them). */
    static final Set<String> HOLDING = Set.of("SUBMITTED", "RESUBMITTED", "APPROVED", "RECOGNISED", "COMMENDED");
    /** The statuses in which a registration is being carried out, and owes progress reports. */
    static final Set<String> RUNNING = Set.of("APPROVED", "RECOGNISED", "COMMENDED");

    private final MongoTemplate mongo;
    private final ReminderPlanner planner;

    Obligations(MongoTemplate mongo, ReminderPlanner planner) {
        this.mongo = mongo;
        this.planner = planner;
    }

    /**
     * A registration's latest state in its unit's window: it holds a place of its kind, or no longer does; it is
     * being carried out (and owes progress reports), or is not. An event older than the one already applied for the
     * registration changes nothing.
     */
    public void registration(String campaignId, String unitCode, String registrationId, String title, String kind,
            String status, Instant at) {
        String deadline = Deadline.idOf(DeadlineKind.WINDOW, campaignId);
        String seen = "seen." + registrationId;
        Query newer = new Query(Criteria.where("_id").is(Obligation.idOf(deadline, unitCode)).orOperator(
                Criteria.where(seen).exists(false), Criteria.where(seen).lt(at.toEpochMilli())));
        Update update = new Update().set(seen, at.toEpochMilli()).setOnInsert("deadlineId", deadline)
                .setOnInsert("subject", unitCode).setOnInsert("unitCode", unitCode);
        if (HOLDING.contains(status)) {
            update.set("holding." + registrationId, kind);
        } else {
            update.unset("holding." + registrationId);
        }
        if (RUNNING.contains(status)) {
            update.set("running." + registrationId, title);
        } else {
            update.unset("running." + registrationId);
        }
        try {
            mongo.upsert(newer, update, Obligation.class);
        } catch (DuplicateKeyException olderEvent) {
            // The obligation exists and has applied a later event of this registration.
            return;
        }
        if (!HOLDING.contains(status)) {
            planner.revive(deadline, unitCode);
        }
        if (RUNNING.contains(status)) {
            planner.progressOwed(campaignId, unitCode);
        }
    }

    /** A running registration's progress report was filed, for the day {@code reportedOn}. */
    public void progressReported(String campaignId, String unitCode, String registrationId, LocalDate reportedOn) {
        String deadline = Deadline.idOf(DeadlineKind.WINDOW, campaignId);
        mongo.upsert(new Query(Criteria.where("_id").is(Obligation.idOf(deadline, unitCode))), new Update()
                .addToSet("reports." + registrationId, reportedOn.toString()).setOnInsert("deadlineId", deadline)
                .setOnInsert("subject", unitCode).setOnInsert("unitCode", unitCode), Obligation.class);
    }

    /** A unit submitted a self-assessment under a grading scheme. */
    public void selfAssessed(String schemeId, String unitCode, String gradingId) {
        String deadline = Deadline.idOf(DeadlineKind.SELF_ASSESSMENT, schemeId);
        mongo.upsert(new Query(Criteria.where("_id").is(Obligation.idOf(deadline, unitCode))), new Update()
                .addToSet("submitted", gradingId).setOnInsert("deadlineId", deadline).setOnInsert("subject", unitCode)
                .setOnInsert("unitCode", unitCode), Obligation.class);
    }

    /** A reviewer was assigned a model in a round. */
    public void assigned(String roundId, String reviewer, String reviewerUnit, String registrationId) {
        String deadline = Deadline.idOf(DeadlineKind.SCORECARDS, roundId);
        mongo.upsert(new Query(Criteria.where("_id").is(Obligation.idOf(deadline, reviewer))), new Update()
                .addToSet("assigned", registrationId).set("unitCode", reviewerUnit).setOnInsert("deadlineId", deadline)
                .setOnInsert("subject", reviewer), Obligation.class);
        planner.revive(deadline, reviewer);
    }

    /**
     * A reviewer declared a conflict of interest with a model and was taken off it: they no longer owe its scorecard
     * (the assignment and the declaration share the model's key, so they arrive in that order).
     */
    public void unassigned(String roundId, String reviewer, String registrationId) {
        String deadline = Deadline.idOf(DeadlineKind.SCORECARDS, roundId);
        mongo.updateFirst(new Query(Criteria.where("_id").is(Obligation.idOf(deadline, reviewer))), new Update()
                .pull("assigned", registrationId), Obligation.class);
    }

    /** A reviewer submitted (or abstained on) a model's scorecard. */
    public void submitted(String roundId, String reviewer, String registrationId) {
        String deadline = Deadline.idOf(DeadlineKind.SCORECARDS, roundId);
        mongo.upsert(new Query(Criteria.where("_id").is(Obligation.idOf(deadline, reviewer))), new Update()
                .addToSet("submitted", registrationId).setOnInsert("deadlineId", deadline)
                .setOnInsert("subject", reviewer), Obligation.class);
    }
}
