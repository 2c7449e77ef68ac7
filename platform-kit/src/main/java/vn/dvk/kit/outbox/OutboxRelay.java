package vn.dvk.kit.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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
 * <p>The relay wakes up when a feature saves an aggregate with pending events and otherwise polls, which also picks up
 * whatever a crashed process left behind.
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
    private final CrashPoint crashPoint;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(MongoTemplate mongo, List<String> collections, EventPublisher publisher, Duration pollInterval,
            CrashPoint crashPoint) {
        this.mongo = mongo;
        this.collections = List.copyOf(collections);
        this.publisher = publisher;
        this.pollInterval = pollInterval;
        this.crashPoint = crashPoint;
    }

    /** Asks the relay to look for pending events now rather than at the next poll. */
    public void wakeUp() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
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
            for (Document document : documents) {
                published += relayDocument(collection, document);
            }
            if (documents.size() < BATCH) {
                return published;
            }
        }
    }

    private int relayDocument(String collection, Document document) {
        List<String> sent = new ArrayList<>();
        for (Document raw : document.getList(HasOutbox.FIELD, Document.class)) {
            OutboxEvent event = new OutboxEvent(raw.getString("eventId"), raw.getString("topic"), raw.getString("type"),
                    raw.getString("subject"), raw.get("time", Date.class).toInstant(), raw.getString("data"),
                    raw.getString("correlationId"));
            crashIf(CrashPoint.BEFORE_PUBLISH);
            publisher.publish(event);
            crashIf(CrashPoint.AFTER_PUBLISH);
            sent.add(event.eventId());
        }
        Update pull = new Update().pull(HasOutbox.FIELD, new Document("eventId", new Document("$in", sent)));
        mongo.updateFirst(new Query(Criteria.where("_id").is(document.get("_id"))), pull, collection);
        return sent.size();
    }

    private void crashIf(CrashPoint point) {
        if (crashPoint == point) {
            log.error("Crash point {} reached: halting the JVM as a kill -9 would", point);
            Runtime.getRuntime().halt(137);
        }
    }

    private void loop() {
        while (running) {
            try {
                relayPending();
            } catch (RuntimeException e) {
                // Broker or store unavailable: keep the events and try again at the next poll.
                log.warn("Outbox relay could not publish yet: {}", e.toString());
            }
            try {
                if (wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
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
