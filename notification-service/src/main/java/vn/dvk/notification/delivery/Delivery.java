package vn.dvk.notification.delivery;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.dvk.notification.recipient.Channel;
import vn.dvk.notification.recipient.Recipient;
import vn.dvk.notification.template.NotificationType;

/**
 * One message to one recipient over one channel (e-mail, SMS or Zalo), and the log of every attempt to send it.
 * Its id is the dedupe key — notice, recipient, channel — so a notice processed twice never makes a second one. Only
 * the replica holding the lease on the batch the delivery belongs to sends it (its notice's batch while it is
 * PENDING, a retry batch once it is RETRY), so no two replicas send it at once.
 *
 * @param address    the e-mail address or phone number; shown only to those who manage recipients
 * @param quietHours for SMS and Zalo: the recipient's quiet hours, in which it waits
 * @param digestId      for an e-mail that went out in a daily digest: that digest's delivery
 * @param correlationId the correlation id of the event or request that caused it (its notice's), null if none; its
 *                      {@code notification-events} record carries it as {@code ce_correlationid}
 */
@Document(Delivery.COLLECTION)
public record Delivery(@Id String id, String noticeKey, NotificationType type, Channel channel, String recipientId,
        String unitCode, String address, String language, int templateVersion, String subject, String body,
        String reference, Status status, int attempts, List<Attempt> log, Instant nextAttemptAt,
        Recipient.QuietHours quietHours, Instant createdAt, Instant sentAt, String digestId,
        String correlationId) {

    static final String COLLECTION = "deliveries";

    public enum Status {
        /** Made, not yet tried. */
        PENDING,
        SENT,
        /** Failed; tried again at {@code nextAttemptAt}, or held until the recipient's quiet hours end. */
        RETRY,
        /** Failed at every attempt: the dead-letter record, kept with its log. */
        DEAD,
        /** An e-mail waiting for the recipient's daily digest, which goes at {@code nextAttemptAt}. */
        DIGEST,
        /** Went out in the daily digest {@code digestId} (whose own record says how that went). */
        IN_DIGEST
    }

    /** One attempt: when, by which replica, and how it went. */
    public record Attempt(Instant at, String by, boolean ok, String error) {
    }

    static String idOf(String noticeKey, String recipientId, Channel channel) {
        return noticeKey + "|" + recipientId + "|" + channel;
    }
}
