package vn.dvk.notification.inbox;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.dvk.notification.template.NotificationType;

/**
 * One message in the in-app inbox. With {@code username} set it is that person's, and only theirs: a message
 * addressed to them, or their copy of a message to their unit's people. Without, it is the unit's
 * ({@code unitCode}), listed in the unit's inbox: a message to the unit when nobody in the directory serves it
 * ({@code recipientId} {@code unit:<code>}), or the copy for a directory entry without a user name. Its id is the
 * dedupe key (notice, recipient, INBOX), so the same notice never puts two items in one inbox.
 */
@Document(InboxItem.COLLECTION)
public record InboxItem(@Id String id, String unitCode, String recipientId, String username, NotificationType type,
        String subject, String body, String reference, Instant createdAt, boolean read, Instant readAt) {

    public static final String COLLECTION = "inbox";
}
