package vn.dvk.notification.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import vn.dvk.notification.NotificationSettings;

/**
 * The durable schedule's work list (see {@link DispatchBatch}). Adding work to a batch also sets it pending again,
 * so work added while a replica is processing the batch is never lost: the holder's "done" fails and the batch is
 * processed once more, where what was already done is skipped.
 */
@Component
public class Batches {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final NotificationSettings settings;
    private final Semaphore wakeUp = new Semaphore(0);

    Batches(MongoTemplate mongo, Clock clock, NotificationSettings settings) {
        this.mongo = mongo;
        this.clock = clock;
        this.settings = settings;
    }

    /** Puts reminders (id → when due) in the batches of their slot and shard. */
    public void addReminders(Map<String, Instant> dueAt) {
        addBySlot(dueAt, "reminderIds", id -> "|" + Math.floorMod(id.hashCode(), settings.dispatch().shards()));
        wake();
    }

    /** Queues a notice to go out now (its batch is named after its key, so adding it twice changes nothing). */
    public void addNotice(Notice notice) {
        mongo.upsert(new Query(Criteria.where("_id").is("notice|" + notice.key())), new Update()
                .setOnInsert("notices", List.of(notice)).setOnInsert("dueAt", clock.instant())
                .setOnInsert("status", DispatchBatch.Status.PENDING), DispatchBatch.class);
        wake();
    }

    /** Queues deliveries (id → when to try again) in the retry batches of their slots. */
    public void addRetries(Map<String, Instant> retryAt) {
        addBySlot(retryAt, "retryIds", id -> "|retry");
    }

    /** Queues e-mails (id → when the digest they wait for goes) in the digest batches of their slots. */
    public void addDigests(Map<String, Instant> digestAt) {
        addBySlot(digestAt, "digestIds", id -> "|digest");
    }

    /** One write per batch: the ids grouped by the batch of their slot (named slot + {@code suffix} of the id). */
    private void addBySlot(Map<String, Instant> dueAt, String field, Function<String, String> suffix) {
        Map<String, List<String>> byBatch = new LinkedHashMap<>();
        Map<String, Instant> batchDue = new LinkedHashMap<>();
        dueAt.forEach((id, at) -> {
            Instant slot = slotOf(at);
            String batch = slot + suffix.apply(id);
            byBatch.computeIfAbsent(batch, b -> new ArrayList<>()).add(id);
            batchDue.put(batch, slot);
        });
        byBatch.forEach((batch, ids) -> add(batch, batchDue.get(batch), field, ids));
    }

    /**
     * The slot a batch holding work due at {@code at} is due at: work is grouped by slot (a minute by default), never
     * sent before its time and at most a slot after it.
     */
    private Instant slotOf(Instant at) {
        long slot = settings.dispatch().slot().toMillis();
        long ms = at.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(ms + slot - 1, slot) * slot);
    }

    private void add(String batch, Instant minute, String field, List<String> ids) {
        mongo.upsert(new Query(Criteria.where("_id").is(batch)), new Update().addToSet(field).each(ids.toArray())
                .set("status", DispatchBatch.Status.PENDING).setOnInsert("dueAt", minute), DispatchBatch.class);
    }

    /** Claims a batch that is due (or whose holder's lease ran out) for {@code owner}, oldest first. */
    public Optional<DispatchBatch> claim(String owner) {
        Instant now = clock.instant();
        Query due = new Query(claimable(now)).with(Sort.by("dueAt")).limit(8);
        due.fields().include("_id");
        for (DispatchBatch candidate : mongo.find(due, DispatchBatch.class)) {
            DispatchBatch claimed = mongo.findAndModify(
                    new Query(Criteria.where("_id").is(candidate.id()).andOperator(claimable(now))),
                    new Update().set("status", DispatchBatch.Status.CLAIMED).set("owner", owner)
                            .set("token", UUID.randomUUID().toString())
                            .set("leaseUntil", now.plus(settings.dispatch().lease())),
                    FindAndModifyOptions.options().returnNew(true), DispatchBatch.class);
            if (claimed != null) {
                return Optional.of(claimed);
            }
        }
        return Optional.empty();
    }

    private static Criteria claimable(Instant now) {
        return new Criteria().orOperator(
                Criteria.where("status").is(DispatchBatch.Status.PENDING).and("dueAt").lte(now),
                Criteria.where("status").is(DispatchBatch.Status.CLAIMED).and("leaseUntil").lt(now));
    }

    /** Extends the claim; false when it was lost (another replica holds the batch now). */
    public boolean renew(DispatchBatch batch) {
        return mongo.updateFirst(new Query(Criteria.where("_id").is(batch.id()).and("token").is(batch.token())),
                new Update().set("leaseUntil", clock.instant().plus(settings.dispatch().lease())),
                DispatchBatch.class).getModifiedCount() == 1;
    }

    /** Marks the batch done, unless work was added meanwhile (then it stays pending for another pass). */
    public boolean done(DispatchBatch batch) {
        return mongo.updateFirst(new Query(Criteria.where("_id").is(batch.id()).and("token").is(batch.token())
                        .and("status").is(DispatchBatch.Status.CLAIMED)),
                new Update().set("status", DispatchBatch.Status.DONE).set("doneAt", clock.instant()),
                DispatchBatch.class).getModifiedCount() == 1;
    }

    /** Forgets batches done more than a day ago, keeping the work list short. */
    public long forgetOld() {
        return mongo.remove(new Query(Criteria.where("status").is(DispatchBatch.Status.DONE).and("doneAt")
                .lt(clock.instant().minus(Duration.ofDays(1)))), DispatchBatch.class).getDeletedCount();
    }

    /** Reminders whose time has come and that are not yet through dispatch: the "reminders due" gauge. */
    public long dueReminders() {
        Query due = new Query(Criteria.where("status").ne(DispatchBatch.Status.DONE).and("dueAt")
                .lte(clock.instant()));
        due.fields().include("reminderIds");
        return mongo.find(due, DispatchBatch.class).stream().mapToLong(b -> b.reminderIds().size()).sum();
    }

    /** Wakes the dispatcher of this replica (new work that is due now). */
    public void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    /** Waits for a wake-up or the poll interval. */
    public void await(Duration interval) throws InterruptedException {
        wakeUp.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
        wakeUp.drainPermits();
    }
}
