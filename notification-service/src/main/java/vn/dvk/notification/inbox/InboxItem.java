package vn.dvk.notification.inbox;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One message in a unit's in-app inbox. Its id is derived from the event and the recipient, so the same event can
 * never put two items in the same inbox.
 */
@Document(InboxItem.COLLECTION)
record InboxItem(@Id String id, String unitCode, String type, String subject, String body, String registrationId,
        Instant createdAt, boolean read) {

    static final String COLLECTION = "inbox";

    static String idFor(String eventId, String recipient) {
        return eventId + ":" + recipient;
    }
}
