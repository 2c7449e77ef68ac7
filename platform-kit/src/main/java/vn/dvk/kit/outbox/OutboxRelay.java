package vn.dvk.kit.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
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
 * <p>Order of work per document: publish each pending event (acknowledged by all replicas), then {@code $pull} exactly
 * those events. A crash before the pull leaves them pending and they are published again after restart; consumers are
 * idempotent, so "at least once" here becomes "effect exactly once" downstream. An event can only be published if the
 * write that carried it succeeded, because it is the write.
 *
 * <p>When a feature saves an aggregate with pending events, the relay is told which document it was and publishes
 * from that document at once (a lookup by id). A sweep of whole collections — at start, then every
 * {@code sweepInterval}, and after any failure — picks up whatever a crashed process or a lost hint left behind. The
 * sweep scans (the local MongoDB-wire server cannot index {@code outbox.0}), which is why it is not done on every save:
 * that made each save cost a scan of the collection.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

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

    /** Publishes what is pending in the documents the hints name. */
    private int relayHinted() {
        Map<String, Set<Object>> byCollection = new LinkedHashMap<>();
        for (Hint hint = hints.poll(); hint != null; hint = hints.poll()) {
            byCollection.computeIfAbsent(hint.collection(), c -> new LinkedHashSet<>()).add(hint.id());
        }
        int published = 0;
        for (Map.Entry<String, Set<Object>> entry : byCollection.entrySet()) {
            List<Object> ids = new ArrayList<>(entry.getValue());
            for (int from = 0; from < ids.size(); from += BATCH) {
                // By id only, so that the store answers from its _id index; documents already relayed are skipped here.
                Query byId = new Query(Criteria.where("_id").in(ids.subList(from, Math.min(ids.size(), from + BATCH))));
                byId.fields().include(HasOutbox.FIELD);
                List<Document> documents = mongo.find(byId, Document.class, entry.getKey()).stream()
                        .filter(d -> !d.getList(HasOutbox.FIELD, Document.class, List.of()).isEmpty()).toList();
                if (!documents.isEmpty()) {
                    published += relayPage(entry.getKey(), documents);
                }
            }
        }
        return published;
    }

    /**
     * Publishes everything pending in every outbox collection, once through.
     *
     * @return the number of events published
     */
    public int relayPending() {
        int published = 0;
        for (String collection : collections) {
            published += relayCollection(collection);
        }
        return published;
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
     * Publishes every pending event of a page of documents, then removes exactly those events from their documents
     * in one write (a crash before it publishes them again, which consumers absorb).
     */
    private int relayPage(String collection, List<Document> documents) {
        List<Object> ids = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        for (Document document : documents) {
            for (Document raw : document.getList(HasOutbox.FIELD, Document.class)) {
                OutboxEvent event = new OutboxEvent(raw.getString("eventId"), raw.getString("topic"),
                        raw.getString("type"), raw.getString("subject"), raw.get("time", Date.class).toInstant(),
                        raw.getString("data"), raw.getString("correlationId"));
                crashIf(CrashPoint.BEFORE_PUBLISH);
                publisher.publish(event);
                crashIf(CrashPoint.AFTER_PUBLISH);
                sent.add(event.eventId());
            }
            ids.add(document.get("_id"));
        }
        Update pull = new Update().pull(HasOutbox.FIELD, new Document("eventId", new Document("$in", sent)));
        mongo.updateMulti(new Query(Criteria.where("_id").in(ids)), pull, collection);
        return sent.size();
    }

    private void crashIf(CrashPoint point) {
        if (crashPoint == point) {
            log.error("Crash point {} reached: halting the JVM as a kill -9 would", point);
            Runtime.getRuntime().halt(137);
        }
    }

    private void loop() {
        long nextSweep = System.nanoTime();
        while (running) {
            try {
                if (System.nanoTime() - nextSweep >= 0) {
                    hints.clear();
                    relayPending();
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
