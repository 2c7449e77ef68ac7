package vn.dvk.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import vn.dvk.kit.consume.IdempotentWrites;
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
 * over their channels; the inbox items written at once, e-mails and webhook calls claimed and sent by a pool of
 * sender threads, failures retried with doubling backoff until the last attempt makes a dead-letter record; and each
 * final outcome published on {@code notification-events}.
 */
@Component
public class Deliveries implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    /** What a fan-out made: ids of the inbox items and of the deliveries to send. */
    public record FanOut(List<String> inboxIds, List<String> deliveryIds) {
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
    private final String replica = "replica-" + UUID.randomUUID();
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

    /** Writes the inbox items of the notices and records their other deliveries; doing it twice changes nothing. */
    public FanOut fanOut(List<Notice> notices) {
        Instant now = clock.instant();
        List<InboxItem> items = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>();
        for (Notice notice : notices) {
            List<Recipient> recipients = recipientsOf(notice);
            if (recipients.isEmpty()) {
                // Nobody in the directory: the message still waits in the inbox of the person or unit it concerns.
                String owner = notice.username() != null ? "user:" + notice.username() : "unit:" + notice.unitCode();
                Templates.Rendered text = render(notice, "vi");
                items.add(new InboxItem(Delivery.idOf(notice.key(), owner, Channel.INBOX), notice.unitCode(), owner,
                        notice.username(), notice.type(), text.subject(), text.body(), notice.reference(), now, false,
                        null, false));
                continue;
            }
            for (Recipient r : recipients) {
                Templates.Rendered text = render(notice, r.language());
                for (Channel channel : r.channels()) {
                    String id = Delivery.idOf(notice.key(), r.id(), channel);
                    if (channel == Channel.INBOX) {
                        items.add(new InboxItem(id, r.unitCode(), r.id(), r.username(), notice.type(), text.subject(),
                                text.body(), notice.reference(), now, false, null, false));
                        continue;
                    }
                    String address = channel == Channel.EMAIL ? r.email() : r.phone();
                    if (address == null || !sender(channel).enabled()) {
                        continue;
                    }
                    Instant quietUntil = channel.intrusive() ? quietUntil(r.quietHours(), now) : null;
                    deliveries.add(new Delivery(id, notice.key(), notice.type(), channel, r.id(), r.unitCode(),
                            address, r.language(), version(notice, r.language()), text.subject(), text.body(),
                            notice.reference(), quietUntil == null ? Delivery.Status.PENDING : Delivery.Status.RETRY,
                            0, List.of(), null, null, quietUntil, channel.intrusive() ? quiet(r.quietHours()) : null,
                            now, null, false));
                }
            }
        }
        writes.insertAllOnce(items, InboxItem.COLLECTION);
        writes.insertAllOnce(deliveries, Delivery.COLLECTION);
        for (Delivery d : deliveries) {
            if (d.status() == Delivery.Status.RETRY) {
                // Quiet hours: it waits for their end in a retry batch.
                batches.addRetries(List.of(d.id()), d.nextAttemptAt());
            }
        }
        return new FanOut(items.stream().map(InboxItem::id).toList(), deliveries.stream()
                .filter(d -> d.status() == Delivery.Status.PENDING).map(Delivery::id).toList());
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
     * Claims the deliveries that are ready (pending, due for retry, or abandoned by a replica whose lease ran out),
     * sends them over the sender threads and records each attempt; then publishes the outcomes.
     */
    public void send(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        String claim = replica + "/" + UUID.randomUUID();
        List<String> all = List.copyOf(ids);
        List<Delivery> claimed = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            mongo.updateMulti(new Query(Criteria.where("_id").in(chunk).orOperator(
                            Criteria.where("status").is(Delivery.Status.PENDING),
                            Criteria.where("status").is(Delivery.Status.RETRY).and("nextAttemptAt").lte(now),
                            Criteria.where("status").is(Delivery.Status.SENDING).and("leaseUntil").lt(now))),
                    new Update().set("status", Delivery.Status.SENDING).set("owner", claim)
                            .set("leaseUntil", now.plus(settings.dispatch().lease())), Delivery.class);
            claimed.addAll(mongo.find(new Query(Criteria.where("_id").in(chunk).and("owner").is(claim)
                    .and("status").is(Delivery.Status.SENDING)), Delivery.class));
        }
        List<Delivery> quietNow = claimed.stream().filter(d -> d.channel().intrusive()
                && quietUntil(d.quietHours(), now) != null).toList();
        for (Delivery d : quietNow) {
            Instant until = quietUntil(d.quietHours(), now);
            mongo.updateFirst(byClaim(d.id(), claim), new Update().set("status", Delivery.Status.RETRY)
                    .set("nextAttemptAt", until), Delivery.class);
            batches.addRetries(List.of(d.id()), until);
        }
        claimed.removeAll(quietNow);
        int threads = Math.max(1, Math.min(settings.dispatch().senders(), claimed.size()));
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Delivery> share = new ArrayList<>();
            for (int i = t; i < claimed.size(); i += threads) {
                share.add(claimed.get(i));
            }
            work.add(pool.submit(() -> sendAll(share, claim)));
        }
        for (Future<?> f : work) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("sending failed", e.getCause());
            }
        }
    }

    private void sendAll(List<Delivery> share, String claim) {
        List<String> retry = new ArrayList<>();
        Instant retryAt = null;
        try {
            for (Delivery d : share) {
                Instant at = clock.instant();
                try {
                    sender(d.channel()).send(d);
                } catch (Exception e) {
                    String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                    int attempts = d.attempts() + 1;
                    boolean dead = attempts >= settings.retry().maxAttempts();
                    Instant next = dead ? null : at.plus(settings.retry().backoffAfter(attempts));
                    mongo.updateFirst(byClaim(d.id(), claim), new Update()
                            .set("status", dead ? Delivery.Status.DEAD : Delivery.Status.RETRY)
                            .set("attempts", attempts).set("nextAttemptAt", next)
                            .push("log", new Delivery.Attempt(at, replica, false, error)), Delivery.class);
                    meters.counter("dvk.notification.deliveries", "channel", d.channel().name(), "outcome",
                            dead ? "dead" : "retry").increment();
                    log.warn("Delivery {} over {} failed (attempt {}{}): {}", d.id(), d.channel(), attempts,
                            dead ? ", the last" : "", error);
                    if (!dead) {
                        retry.add(d.id());
                        retryAt = retryAt == null || next.isAfter(retryAt) ? next : retryAt;
                    }
                    continue;
                }
                // Recorded right after the server accepted it: the only window in which a crash re-sends a message.
                mongo.updateFirst(byClaim(d.id(), claim), new Update().set("status", Delivery.Status.SENT)
                        .set("sentAt", clock.instant()).set("attempts", d.attempts() + 1).unset("leaseUntil")
                        .push("log", new Delivery.Attempt(at, replica, true, null)), Delivery.class);
                meters.counter("dvk.notification.deliveries", "channel", d.channel().name(), "outcome", "sent")
                        .increment();
            }
        } finally {
            share.stream().map(Delivery::channel).distinct().forEach(c -> sender(c).release());
        }
        if (!retry.isEmpty()) {
            batches.addRetries(retry, retryAt);
        }
    }

    private static Query byClaim(String id, String claim) {
        return new Query(Criteria.where("_id").is(id).and("owner").is(claim).and("status")
                .is(Delivery.Status.SENDING));
    }

    /**
     * Publishes the outcome of every inbox item and delivery among these that reached its final state and has not
     * been published, then marks them published.
     */
    public void publishOutcomes(Collection<String> inboxIds, Collection<String> deliveryIds) {
        List<String> items = List.copyOf(inboxIds);
        for (int from = 0; from < items.size(); from += 1000) {
            List<String> chunk = items.subList(from, Math.min(items.size(), from + 1000));
            List<InboxItem> unpublished = mongo.find(new Query(Criteria.where("_id").in(chunk).and("published")
                    .is(false)), InboxItem.class);
            events.publish(unpublished.stream().map(i -> new NotificationEvents.Outcome(i.id(), i.type().name(),
                    Channel.INBOX.name(), i.unitCode(), i.recipientId(), i.reference(), 1, i.createdAt(), null))
                    .toList(), false);
            mongo.updateMulti(new Query(Criteria.where("_id").in(unpublished.stream().map(InboxItem::id).toList())),
                    new Update().set("published", true), InboxItem.class);
        }
        List<String> ids = List.copyOf(deliveryIds);
        for (int from = 0; from < ids.size(); from += 1000) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            List<Delivery> unpublished = mongo.find(new Query(Criteria.where("_id").in(chunk).and("published")
                    .is(false).and("status").in(Delivery.Status.SENT, Delivery.Status.DEAD)), Delivery.class);
            for (boolean failed : new boolean[] {false, true}) {
                events.publish(unpublished.stream().filter(d -> (d.status() == Delivery.Status.DEAD) == failed)
                        .map(d -> new NotificationEvents.Outcome(d.id(), d.type().name(), d.channel().name(),
                                d.unitCode(), d.recipientId(), d.reference(), d.attempts(),
                                d.sentAt() != null ? d.sentAt() : clock.instant(),
                                failed && !d.log().isEmpty() ? d.log().get(d.log().size() - 1).error() : null))
                        .toList(), failed);
            }
            mongo.updateMulti(new Query(Criteria.where("_id").in(unpublished.stream().map(Delivery::id).toList())),
                    new Update().set("published", true), Delivery.class);
        }
    }

    /**
     * Whether none of these deliveries is still waiting to be sent or being sent by a replica (whose lease, if it
     * died, has not yet run out): those are the ones a batch must come back for.
     */
    public boolean settled(Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += 1000) {
            if (mongo.exists(new Query(Criteria.where("_id").in(all.subList(from, Math.min(all.size(), from + 1000)))
                    .and("status").in(Delivery.Status.PENDING, Delivery.Status.SENDING)), Delivery.class)) {
                return false;
            }
        }
        return true;
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
