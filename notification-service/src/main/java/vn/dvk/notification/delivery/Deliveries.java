package vn.dvk.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import vn.dvk.kit.consume.IdempotentWrites;
import vn.dvk.kit.store.Slices;
import vn.dvk.notification.NotificationSettings;
import vn.dvk.notification.inbox.InboxItem;
import vn.dvk.notification.recipient.Channel;
import vn.dvk.notification.recipient.Recipient;
import vn.dvk.notification.recipient.RecipientDirectory;
import vn.dvk.notification.schedule.Batches;
import vn.dvk.notification.schedule.Notice;
import vn.dvk.notification.template.Templates;

/**
 * From notices to messages: who receives each (the directory), in their language (the pinned template version),
 * over their channels; the inbox items written at once, e-mails and webhook calls sent by a pool of sender threads,
 * failures retried with doubling backoff until the last attempt makes a dead-letter record; each final outcome
 * published on {@code notification-events} before it is recorded, so a crash can repeat an event (consumers
 * deduplicate on its id) but never lose one.
 *
 * <p>Every write here is by {@code _id} alone: the local MongoDB-wire server answers a query from an index only when
 * it names exactly the index's fields; writes are also grouped ({@code mark-every}), each write command being a
 * round trip and a journal write of the store.
 */
@Component
public class Deliveries implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
    /** Ids per {@code _id $in} lookup. */
    private static final int SLICE = 500;

    /**
     * What a fan-out made: ids of the inbox items and of the deliveries to send now, and those of the deliveries it
     * inserted itself (the rest were there already: the batch is being processed again).
     */
    public record FanOut(List<String> inboxIds, List<String> deliveryIds, List<Delivery> inserted) {
    }

    private final MongoTemplate mongo;
    private final IdempotentWrites writes;
    private final RecipientDirectory directory;
    private final Templates templates;
    private final List<ChannelSender> senders;
    private final NotificationEvents events;
    private final Batches batches;
    private final NotificationSettings settings;
    private final MeterRegistry meters;
    private final Clock clock;
    private final String replica = "replica-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    private final ExecutorService pool;

    Deliveries(MongoTemplate mongo, IdempotentWrites writes, RecipientDirectory directory, Templates templates,
            List<ChannelSender> senders, NotificationEvents events, Batches batches, NotificationSettings settings,
            MeterRegistry meters, Clock clock) {
        this.mongo = mongo;
        this.writes = writes;
        this.directory = directory;
        this.templates = templates;
        this.senders = senders;
        this.events = events;
        this.batches = batches;
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
        this.pool = Executors.newFixedThreadPool(settings.dispatch().senders(), r -> {
            Thread t = new Thread(r, "notification-sender");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Writes the inbox items of the notices (their delivery-sent events first) and records their other
     * deliveries; doing it twice changes nothing.
     */
    public FanOut fanOut(List<Notice> notices) {
        Instant now = clock.instant();
        List<InboxItem> items = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>();
        // The correlation id of each inbox item's notice, for its delivery-sent event.
        Map<String, String> inboxCauses = new HashMap<>();
        for (Notice notice : notices) {
            List<Recipient> recipients = recipientsOf(notice);
            if (recipients.isEmpty()) {
                // Nobody in the directory: the message still waits in the inbox of the person or unit it concerns.
                String owner = notice.username() != null ? "user:" + notice.username() : "unit:" + notice.unitCode();
                Templates.Rendered text = render(notice, "vi");
                items.add(new InboxItem(Delivery.idOf(notice.key(), owner, Channel.INBOX), notice.unitCode(), owner,
                        notice.username(), notice.type(), text.subject(), text.body(), notice.reference(), now, false,
                        null));
                inboxCauses.put(items.get(items.size() - 1).id(), notice.correlationId());
                continue;
            }
            for (Recipient r : recipients) {
                Templates.Rendered text = render(notice, r.language());
                for (Channel channel : r.channels()) {
                    String id = Delivery.idOf(notice.key(), r.id(), channel);
                    if (channel == Channel.INBOX) {
                        items.add(new InboxItem(id, r.unitCode(), r.id(), r.username(), notice.type(), text.subject(),
                                text.body(), notice.reference(), now, false, null));
                        inboxCauses.put(id, notice.correlationId());
                        continue;
                    }
                    String address = channel == Channel.EMAIL ? r.email() : r.phone();
                    if (address == null || !sender(channel).enabled()) {
                        continue;
                    }
                    Instant quietUntil = channel.intrusive() ? quietUntil(r.quietHours(), now) : null;
                    boolean toDigest = channel == Channel.EMAIL && r.digest() && notice.type().digestible();
                    Delivery.Status status = toDigest ? Delivery.Status.DIGEST
                            : quietUntil == null ? Delivery.Status.PENDING : Delivery.Status.RETRY;
                    deliveries.add(new Delivery(id, notice.key(), notice.type(), channel, r.id(), r.unitCode(),
                            address, r.language(), version(notice, r.language()), text.subject(), text.body(),
                            notice.reference(), status, 0, List.of(),
                            toDigest ? settings.digest().nextAfter(now, settings.zone()) : quietUntil,
                            channel.intrusive() ? quiet(r.quietHours()) : null, now, null, null,
                            notice.correlationId()));
                }
            }
        }
        events.publish(items.stream().map(i -> new NotificationEvents.Outcome(i.id(), i.type().name(),
                Channel.INBOX.name(), i.unitCode(), i.recipientId(), i.reference(), 1, i.createdAt(), null,
                inboxCauses.get(i.id()))).toList(), false);
        writes.insertAllOnce(items, InboxItem.COLLECTION);
        List<Delivery> inserted = writes.insertNew(deliveries, Delivery.COLLECTION);
        // Quiet hours: those wait for their end in a retry batch; e-mails for a digest wait in the digest's batch.
        batches.addRetries(deliveries.stream().filter(d -> d.status() == Delivery.Status.RETRY)
                .collect(Collectors.toMap(Delivery::id, Delivery::nextAttemptAt)));
        batches.addDigests(deliveries.stream().filter(d -> d.status() == Delivery.Status.DIGEST)
                .collect(Collectors.toMap(Delivery::id, Delivery::nextAttemptAt)));
        return new FanOut(items.stream().map(InboxItem::id).toList(), deliveries.stream()
                .filter(d -> d.status() == Delivery.Status.PENDING).map(Delivery::id).toList(), inserted.stream()
                .filter(d -> d.status() == Delivery.Status.PENDING).toList());
    }

    private List<Recipient> recipientsOf(Notice notice) {
        if (notice.username() != null) {
            return directory.user(notice.username()).map(List::of).orElse(List.of());
        }
        return directory.of(notice.unitCode(), notice.roles());
    }

    private Templates.Rendered render(Notice notice, String language) {
        return templates.render(notice.type(), language, version(notice, language), notice.values());
    }

    private int version(Notice notice, String language) {
        Integer pinned = notice.templates() == null ? null : notice.templates().get(language);
        return pinned != null ? pinned : templates.current(notice.type(), language);
    }

    private Recipient.QuietHours quiet(Recipient.QuietHours own) {
        return own != null ? own : Recipient.QuietHours.parse(settings.quietHours());
    }

    /** When the quiet hours holding an SMS or Zalo message now end, or null when it may go now. */
    private Instant quietUntil(Recipient.QuietHours own, Instant now) {
        Recipient.QuietHours quiet = quiet(own);
        ZoneId zone = settings.zone();
        LocalDateTime local = LocalDateTime.ofInstant(now, zone);
        if (!quiet.contains(local.toLocalTime())) {
            return null;
        }
        LocalDateTime end = local.toLocalDate().atTime(quiet.to());
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.atZone(zone).toInstant();
    }

    /**
     * Sends what a fan-out made to send now: the deliveries it inserted as they are, those that were there already as
     * the store has them now (see {@link #send(Collection, Delivery.Status, BooleanSupplier)}).
     */
    public boolean send(FanOut fanOut, BooleanSupplier held) {
        Set<String> inserted = fanOut.inserted().stream().map(Delivery::id).collect(Collectors.toSet());
        List<Delivery> deliveries = new ArrayList<>(fanOut.inserted());
        deliveries.addAll(byIds(fanOut.deliveryIds().stream().filter(id -> !inserted.contains(id)).toList()));
        return sendEach(deliveries, Delivery.Status.PENDING, held);
    }

    /**
     * Sends those of the deliveries that are in state {@code from} (PENDING for a notice's batch, RETRY — and due —
     * for a retry batch) over the sender threads, recording each attempt; {@code held} says whether this replica
     * still holds the batch, and is asked before each group of messages: once it does not, nothing more is sent.
     *
     * @return true when every one of them was sent or recorded for a later attempt, so none is left in state
     *         {@code from} by this call; false when the batch was lost on the way
     */
    public boolean send(Collection<String> ids, Delivery.Status from, BooleanSupplier held) {
        return sendEach(byIds(ids), from, held);
    }

    private boolean sendEach(List<Delivery> deliveries, Delivery.Status from, BooleanSupplier held) {
        Instant now = clock.instant();
        List<Delivery> ready = new ArrayList<>();
        Map<String, Instant> quietUntil = new LinkedHashMap<>();
        for (Delivery d : deliveries) {
            if (d.status() != from || (from == Delivery.Status.RETRY && d.nextAttemptAt().isAfter(now))) {
                continue;
            }
            Instant until = d.channel().intrusive() ? quietUntil(d.quietHours(), now) : null;
            if (until == null) {
                ready.add(d);
            } else {
                quietUntil.put(d.id(), until);
            }
        }
        // Queued first: a crash in between leaves a retry batch with nothing to do, never a RETRY in no batch.
        batches.addRetries(quietUntil);
        quietUntil.forEach((id, until) -> mongo.updateFirst(byId(id), new Update()
                .set("status", Delivery.Status.RETRY).set("nextAttemptAt", until), Delivery.class));
        // The threads take the messages one at a time from the same list, so that they all finish together: the
        // next chunk's messages wait for the last of this one.
        int threads = Math.max(1, Math.min(settings.dispatch().senders(), ready.size()));
        AtomicInteger taken = new AtomicInteger();
        List<Future<Boolean>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(pool.submit(() -> sendAll(ready, taken, held)));
        }
        boolean complete = true;
        for (Future<Boolean> f : work) {
            try {
                complete &= f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("sending failed", e.getCause());
            }
        }
        return complete;
    }

    /** A group of attempts, recorded together. */
    private final class Group {
        final BulkOperations outcomes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Delivery.class);
        final List<NotificationEvents.Outcome> sent = new ArrayList<>();
        final List<NotificationEvents.Outcome> failed = new ArrayList<>();
        final Map<String, Instant> retry = new LinkedHashMap<>();
        int size;

        /**
         * Publishes the final outcomes and queues the retries, then records every attempt of the group in one write.
         * In that order, a crash between them leaves nothing behind: a retry batch only sends what was recorded as
         * RETRY, and what was not recorded is still PENDING in the batch being processed.
         */
        void record() {
            if (size > 0) {
                events.publish(sent, false);
                events.publish(failed, true);
                batches.addRetries(retry);
                outcomes.execute();
            }
        }
    }

    /**
     * One sender thread's part: takes the next message of {@code ready} until none is left, sending over the
     * thread's own connection per channel, and records the attempts of every {@code mark-every} messages in one
     * write (one round trip to the store, and one Kafka acknowledgement for their events). The price is that a crash
     * can re-send up to that many messages per thread that were sent but not yet recorded, each with the Message-ID
     * (or Idempotency-Key) it had the first time.
     */
    private boolean sendAll(List<Delivery> ready, AtomicInteger taken, BooleanSupplier held) {
        Group group = new Group();
        try {
            for (int i = taken.getAndIncrement(); i < ready.size(); i = taken.getAndIncrement()) {
                Delivery d = ready.get(i);
                if (group.size == 0 && !held.getAsBoolean()) {
                    log.info("Lost the batch; the deliveries not yet sent are left to the replica that holds it now");
                    return false;
                }
                Instant at = clock.instant();
                try {
                    sender(d.channel()).send(d);
                    Instant sentAt = clock.instant();
                    group.outcomes.updateOne(byId(d.id()), new Update().set("status", Delivery.Status.SENT)
                            .set("sentAt", sentAt).set("attempts", d.attempts() + 1)
                            .push("log", new Delivery.Attempt(at, replica, true, null)));
                    group.sent.add(outcome(d, d.attempts() + 1, sentAt, null));
                    meters.counter("dvk.notification.deliveries", "channel", d.channel().name(), "outcome", "sent")
                            .increment();
                } catch (Exception e) {
                    String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                    int attempts = d.attempts() + 1;
                    boolean dead = attempts >= settings.retry().maxAttempts();
                    Instant next = dead ? null : at.plus(settings.retry().backoffAfter(attempts));
                    group.outcomes.updateOne(byId(d.id()), new Update()
                            .set("status", dead ? Delivery.Status.DEAD : Delivery.Status.RETRY)
                            .set("attempts", attempts).set("nextAttemptAt", next)
                            .push("log", new Delivery.Attempt(at, replica, false, error)));
                    if (dead) {
                        group.failed.add(outcome(d, attempts, clock.instant(), error));
                    } else {
                        group.retry.put(d.id(), next);
                    }
                    meters.counter("dvk.notification.deliveries", "channel", d.channel().name(), "outcome",
                            dead ? "dead" : "retry").increment();
                    log.warn("Delivery {} over {} failed (attempt {}{}): {}", d.id(), d.channel(), attempts,
                            dead ? ", the last" : "", error);
                }
                if (++group.size >= settings.dispatch().markEvery()) {
                    group.record();
                    group = new Group();
                }
            }
        } finally {
            group.record();
        }
        return true;
    }

    private static NotificationEvents.Outcome outcome(Delivery d, int attempts, Instant at, String error) {
        return new NotificationEvents.Outcome(d.id(), d.type().name(), d.channel().name(), d.unitCode(),
                d.recipientId(), d.reference(), attempts, at, error, d.correlationId());
    }

    private static Query byId(String id) {
        return new Query(Criteria.where("_id").is(id));
    }

    /** The deliveries with these ids, read by {@code _id $in} a slice at a time. */
    List<Delivery> byIds(Collection<String> ids) {
        List<Delivery> found = new ArrayList<>();
        for (List<String> slice : Slices.of(ids, SLICE)) {
            found.addAll(mongo.find(new Query(Criteria.where("_id").in(slice)), Delivery.class));
        }
        return found;
    }

    private ChannelSender sender(Channel channel) {
        for (ChannelSender s : senders) {
            if (s.handles(channel)) {
                return s;
            }
        }
        throw new IllegalStateException("no sender for " + channel);
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
