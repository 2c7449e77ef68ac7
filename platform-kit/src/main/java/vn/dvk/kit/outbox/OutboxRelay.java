package vn.dvk.kit.outbox;

import vn.dvk.kit.store.Slices;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Publishes the events waiting in aggregate documents and then removes them from the document.
 *
 * <p>Order of work per document: publish each pending event in sequence order (acknowledged by all replicas), record the
 * highest sequence published in {@value #SENT}, then {@code $pull} exactly those events; an event a save put back
 * after it was published is recognised by its sequence and removed without being published again. A crash before the pull leaves them pending and they are published again after restart; consumers are
 * idempotent, so "at least once" here becomes "effect exactly once" downstream. An event can only be published if the
 * write that carried it succeeded, because it is the write.
 *
 * <p>When a feature saves an aggregate with pending events, the relay is told which document it was and publishes
 * from that document at once (a lookup by id). Before such a save, a mark naming the document is written to
 * {@value #MARKS}; a sweep — every {@code sweepInterval}, and after any failure — reads the marks and publishes from
 * the documents they name, which picks up whatever a crashed process or a lost hint left behind. Marks are few (only
 * documents with pending events), so the sweep costs lookups by id, never a scan of an aggregate collection: a scan
 * of 100,000 registrations held the local MongoDB-wire server's collection lock for 3.5 s every sweep. A mark goes
 * once its document has nothing pending and the mark is older than {@link #MARK_QUIET}, so a save between reading and
 * removing it cannot lose its mark. One scan of the collections at start covers documents saved before marks existed.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;
    /** Where the documents with pending events are named; see the class comment. */
    public static final String MARKS = "outbox_marks";
    /**
     * Per aggregate document ({@code <collection>/<id>}), the highest sequence the relay has published; kept for
     * as long as the store keeps it, so that an event saved back long after it was published is still recognised.
     */
    public static final String SENT = "outbox_sent";
    static final String SENT_SEQUENCE = "sequence";
    /** A mark younger than this stays, even if its document has nothing pending: a save may be on its way. */
    static final Duration MARK_QUIET = Duration.ofMinutes(1);

    /** Test-only points where the relay kills its own JVM, to prove recovery after a crash. */
    public enum CrashPoint { NONE, BEFORE_PUBLISH, AFTER_PUBLISH }

    private final MongoTemplate mongo;
    private final List<String> collections;
    private final EventPublisher publisher;
    private final Duration pollInterval;
    private final Duration sweepInterval;
    private final CrashPoint crashPoint;
    private final Semaphore wakeUp = new Semaphore(0);
    private final ConcurrentLinkedQueue<Hint> hints = new ConcurrentLinkedQueue<>();

    /** A document just saved with pending events. */
    private record Hint(String collection, Object id) {
    }
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(MongoTemplate mongo, List<String> collections, EventPublisher publisher, Duration pollInterval,
            Duration sweepInterval, CrashPoint crashPoint) {
        this.sweepInterval = sweepInterval;
        this.mongo = mongo;
        this.collections = List.copyOf(collections);
        this.publisher = publisher;
        this.pollInterval = pollInterval;
        this.crashPoint = crashPoint;
    }

    /** Tells the relay that a document with pending events was just saved. */
    public void wakeUp(String collection, Object id) {
        hints.add(new Hint(collection, id));
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    /** Marks a document about to be saved with pending events (see the class comment). */
    public void mark(String collection, Object id) {
        mongo.upsert(new Query(Criteria.where("_id").is(collection + "/" + id)), new Update()
                .set("collection", collection).set("target", id).set("at", new Date()), MARKS);
    }

    /** Publishes what is pending in the documents the hints name. */
    private int relayHinted() {
        Map<String, Set<Object>> byCollection = new LinkedHashMap<>();
        for (Hint hint = hints.poll(); hint != null; hint = hints.poll()) {
            byCollection.computeIfAbsent(hint.collection(), c -> new LinkedHashSet<>()).add(hint.id());
        }
        int published = 0;
        for (Map.Entry<String, Set<Object>> entry : byCollection.entrySet()) {
            published += relayIds(entry.getKey(), new ArrayList<>(entry.getValue()));
        }
        return published;
    }

    private int relayIds(String collection, List<Object> ids) {
        int published = 0;
        for (List<Object> slice : Slices.of(ids, BATCH)) {
            // By id only, so that the store answers from its _id index; documents already relayed are skipped here.
            List<Document> documents = pendingIn(collection, slice);
            if (!documents.isEmpty()) {
                published += relayPage(collection, documents);
            }
        }
        return published;
    }

    private List<Document> pendingIn(String collection, List<Object> ids) {
        Query byId = new Query(Criteria.where("_id").in(ids));
        byId.fields().include(HasOutbox.FIELD);
        return mongo.find(byId, Document.class, collection).stream()
                .filter(d -> !d.getList(HasOutbox.FIELD, Document.class, List.of()).isEmpty()).toList();
    }

    /**
     * Publishes everything pending in the documents the marks name, then removes the marks older than
     * {@link #MARK_QUIET}: their documents have nothing pending left.
     *
     * @return the number of events published
     */
    public int relayMarked() {
        int published = 0;
        Map<String, List<Document>> marks = new LinkedHashMap<>();
        for (Document mark : mongo.findAll(Document.class, MARKS)) {
            marks.computeIfAbsent(mark.getString("collection"), c -> new ArrayList<>()).add(mark);
        }
        Date quiet = new Date(System.currentTimeMillis() - MARK_QUIET.toMillis());
        for (Map.Entry<String, List<Document>> entry : marks.entrySet()) {
            // A failure to publish throws before any mark goes; after this, a document has something pending only
            // if a save added it since, and that save marked it again (a later "at"), which keeps its mark.
            published += relayIds(entry.getKey(), entry.getValue().stream().map(m -> m.get("target")).toList());
            for (Document mark : entry.getValue()) {
                if (mark.getDate("at").before(quiet)) {
                    // Only this version of the mark: a save that marked it again since keeps it.
                    mongo.remove(new Query(Criteria.where("_id").is(mark.get("_id")).and("at").is(mark.getDate("at"))),
                            MARKS);
                }
            }
        }
        return published;
    }

    /**
     * Publishes everything pending in every outbox collection by scanning them: once at start, for documents saved
     * before marks existed, and by tests.
     *
     * @return the number of events published
     */
    public int relayPending() {
        int published = 0;
        for (String collection : collections) {
            published += relayCollection(collection);
        }
        return published + relayMarked();
    }

    private int relayCollection(String collection) {
        int published = 0;
        while (true) {
            Query pending = new Query(Criteria.where(HasOutbox.FIELD + ".0").exists(true)).limit(BATCH);
            pending.fields().include(HasOutbox.FIELD);
            List<Document> documents = mongo.find(pending, Document.class, collection);
            if (documents.isEmpty()) {
                return published;
            }
            published += relayPage(collection, documents);
            if (documents.size() < BATCH) {
                return published;
            }
        }
    }

    /**
     * Publishes the pending events of a page of documents, each document's in sequence order, then removes them from
     * their documents in one write (a crash before it publishes them again, which consumers absorb).
     *
     * <p>After each event is acknowledged, the highest sequence published for its document is recorded in
     * {@value #SENT} ({@code $max}, so it never goes down). An event at or below that mark has been published
     * already: a feature that loaded the document while the event was pending saved it back after the relay had
     * removed it. Such an event is removed again, never published again, so a stale event can never follow a later
     * one of the same aggregate. The mark lives outside the aggregate's document because a feature's save replaces
     * the whole document and would drop (or lower) anything its class does not map. Recording the mark before the
     * removal keeps the crash guarantee: a crash after publishing and before recording re-sends that one event, right
     * after itself; a crash after recording drops the events the mark covers on the next pass.
     */
    private int relayPage(String collection, List<Document> documents) {
        Map<String, Long> marks = sentMarks(collection, documents);
        List<Object> ids = new ArrayList<>();
        List<String> done = new ArrayList<>();
        int published = 0;
        try {
            for (Document document : documents) {
                Object id = document.get("_id");
                String key = collection + "/" + id;
                Long mark = marks.get(key);
                ids.add(id);
                for (OutboxEvent event : inSequence(document)) {
                    if (event.sequence() != null && mark != null && event.sequence() <= mark) {
                        log.debug("Dropping event {} of {}: published already (sequence {} <= {})", event.eventId(),
                                key, event.sequence(), mark);
                        done.add(event.eventId());
                        continue;
                    }
                    crashIf(CrashPoint.BEFORE_PUBLISH);
                    publisher.publish(event);
                    crashIf(CrashPoint.AFTER_PUBLISH);
                    if (event.sequence() != null) {
                        mongo.upsert(new Query(Criteria.where("_id").is(key)),
                                new Update().max(SENT_SEQUENCE, event.sequence()), SENT);
                        mark = event.sequence();
                    }
                    done.add(event.eventId());
                    published++;
                }
            }
        } catch (RuntimeException e) {
            // Remove what did go out, so that it is not sent again when the rest is retried.
            try {
                pull(collection, ids, done);
            } catch (RuntimeException pullFailed) {
                e.addSuppressed(pullFailed);
            }
            throw e;
        }
        pull(collection, ids, done);
        return published;
    }

    private void pull(String collection, List<Object> ids, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        Update pull = new Update().pull(HasOutbox.FIELD, new Document("eventId", new Document("$in", eventIds)));
        mongo.updateMulti(new Query(Criteria.where("_id").in(ids)), pull, collection);
    }

    /** The highest sequence published so far for each of these documents that has one, by mark id. */
    private Map<String, Long> sentMarks(String collection, List<Document> documents) {
        List<String> keys = documents.stream().map(d -> collection + "/" + d.get("_id")).toList();
        Map<String, Long> marks = new HashMap<>();
        for (Document mark : mongo.find(new Query(Criteria.where("_id").in(keys)), Document.class, SENT)) {
            Number sequence = mark.get(SENT_SEQUENCE, Number.class);
            if (sequence != null) {
                marks.put(mark.getString("_id"), sequence.longValue());
            }
        }
        return marks;
    }

    /** A document's pending events in sequence order; those without one (written before sequences) first. */
    private static List<OutboxEvent> inSequence(Document document) {
        List<OutboxEvent> events = new ArrayList<>();
        for (Document raw : document.getList(HasOutbox.FIELD, Document.class)) {
            Number sequence = raw.get("sequence", Number.class);
            events.add(new OutboxEvent(raw.getString("eventId"), raw.getString("topic"), raw.getString("type"),
                    raw.getString("subject"), raw.get("time", Date.class).toInstant(), raw.getString("data"),
                    raw.getString("correlationId"), sequence == null ? null : sequence.longValue()));
        }
        // Stable: events of equal (or no) sequence keep the order they were appended in.
        events.sort(Comparator.comparing(OutboxEvent::sequence, Comparator.nullsFirst(Comparator.naturalOrder())));
        return events;
    }

    private void crashIf(CrashPoint point) {
        if (crashPoint == point) {
            log.error("Crash point {} reached: halting the JVM as a kill -9 would", point);
            Runtime.getRuntime().halt(137);
        }
    }

    private void loop() {
        long nextSweep = System.nanoTime();
        boolean scanned = false;
        while (running) {
            try {
                if (System.nanoTime() - nextSweep >= 0) {
                    hints.clear();
                    if (scanned) {
                        relayMarked();
                    } else {
                        relayPending();
                        scanned = true;
                    }
                    nextSweep = System.nanoTime() + sweepInterval.toNanos();
                } else {
                    relayHinted();
                }
            } catch (RuntimeException e) {
                // Broker or store unavailable: the events stay pending; sweep again at the next poll.
                log.warn("Outbox relay could not publish yet: {}", e.toString());
                nextSweep = System.nanoTime();
            }
            try {
                if (hints.isEmpty() && wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after the bindings and stop before them, so nothing is sent to a closed producer. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
