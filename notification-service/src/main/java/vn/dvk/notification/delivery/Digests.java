package vn.dvk.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import vn.dvk.kit.consume.IdempotentWrites;
import vn.dvk.notification.NotificationSettings;
import vn.dvk.notification.recipient.Channel;
import vn.dvk.notification.template.NotificationType;
import vn.dvk.notification.template.Templates;

/**
 * The daily digest: e-mails about events for those who asked for one wait (status DIGEST) in the digest batch of
 * the morning, which gathers each recipient's into one e-mail and sends it like any other.
 *
 * <p>Crash-safe in three keyed steps. The digest's id is made from the ids of the e-mails it gathers, so gathering
 * the same e-mails again makes no second digest; the e-mails are then marked as gone in it (IN_DIGEST, with its id);
 * then it is sent. A pass after a crash finds the marked e-mails, and through them the digests still to send; an
 * e-mail that arrives while the batch is processed waits for the next pass and makes a digest of its own.
 */
@Component
class Digests {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final MongoTemplate mongo;
    private final IdempotentWrites writes;
    private final Deliveries deliveries;
    private final Templates templates;
    private final NotificationSettings settings;
    private final Clock clock;

    Digests(MongoTemplate mongo, IdempotentWrites writes, Deliveries deliveries, Templates templates,
            NotificationSettings settings, Clock clock) {
        this.mongo = mongo;
        this.writes = writes;
        this.deliveries = deliveries;
        this.templates = templates;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Gathers and sends the digests of these waiting e-mails; true when none of it is left waiting ({@code held}: see
     * {@link Deliveries#send}).
     */
    boolean dispatch(List<String> ids, BooleanSupplier held) {
        Map<String, List<Delivery>> waitingByRecipient = new LinkedHashMap<>();
        Set<String> digestIds = new LinkedHashSet<>();
        for (Delivery d : deliveries.byIds(ids)) {
            if (d.status() == Delivery.Status.DIGEST) {
                waitingByRecipient.computeIfAbsent(d.recipientId(), r -> new ArrayList<>()).add(d);
            } else if (d.status() == Delivery.Status.IN_DIGEST) {
                digestIds.add(d.digestId());
            }
        }
        List<Delivery> digests = waitingByRecipient.values().stream().map(this::gather).toList();
        writes.insertAllOnce(digests, Delivery.COLLECTION);
        if (!digests.isEmpty()) {
            BulkOperations marks = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Delivery.class);
            for (Delivery digest : digests) {
                for (Delivery part : waitingByRecipient.get(digest.recipientId())) {
                    marks.updateOne(new Query(Criteria.where("_id").is(part.id())), new Update()
                            .set("status", Delivery.Status.IN_DIGEST).set("digestId", digest.id())
                            .set("sentAt", clock.instant()));
                }
                digestIds.add(digest.id());
            }
            marks.execute();
        }
        return deliveries.send(digestIds, Delivery.Status.PENDING, held);
    }

    /** One recipient's waiting e-mails, oldest first, as one digest in the language of the latest. */
    private Delivery gather(List<Delivery> parts) {
        List<Delivery> ordered = parts.stream().sorted(Comparator.comparing(Delivery::createdAt)
                .thenComparing(Delivery::id)).toList();
        Delivery latest = ordered.get(ordered.size() - 1);
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < ordered.size(); i++) {
            Delivery part = ordered.get(i);
            items.append(i == 0 ? "" : "\n\n").append(i + 1).append(". ").append(part.subject()).append("\n   ")
                    .append(part.body().replace("\n", "\n   "));
        }
        LocalDate day = LocalDate.ofInstant(latest.nextAttemptAt(), settings.zone());
        String language = latest.language();
        int version = templates.current(NotificationType.DAILY_DIGEST, language);
        Templates.Rendered text = templates.render(NotificationType.DAILY_DIGEST, language, version, Map.of(
                "date", DATE.format(day), "count", Integer.toString(ordered.size()), "items", items.toString()));
        String key = "digest:" + day + ":" + fingerprint(ordered);
        return new Delivery(Delivery.idOf(key, latest.recipientId(), Channel.EMAIL), key,
                NotificationType.DAILY_DIGEST, Channel.EMAIL, latest.recipientId(), latest.unitCode(),
                latest.address(), language, version, text.subject(), text.body(), null, Delivery.Status.PENDING, 0,
                List.of(), null, null, clock.instant(), null, null, commonCause(ordered));
    }

    /**
     * The correlation id of a digest: that of its e-mails when they all have the same one (one event or request
     * caused them all), otherwise none — a digest gathers what many causes made.
     */
    private static String commonCause(List<Delivery> parts) {
        String first = parts.get(0).correlationId();
        return parts.stream().allMatch(p -> Objects.equals(first, p.correlationId())) ? first : null;
    }

    /** The same e-mails gathered again give the same digest id. */
    private static String fingerprint(List<Delivery> parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            parts.stream().map(Delivery::id).sorted().forEach(id -> sha.update((id + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
