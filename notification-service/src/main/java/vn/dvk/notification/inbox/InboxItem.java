package vn.dvk.notification.inbox;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.dvk.notification.template.NotificationType;

/**
 * One message in the in-app inbox: a person's ({@code username} set) or, when a unit has nobody in the directory, the
 * unit's. Its id is the dedupe key (notice, recipient, INBOX), so the same notice never puts two items in one inbox.
 */
@Document(InboxItem.COLLECTION)
public record InboxItem(@Id String id, String unitCode, String recipientId, String username, NotificationType type,
        String subject, String body, String reference, Instant createdAt, boolean read, Instant readAt) {

    public static final String COLLECTION = "inbox";
}
