package vn.dvk.notification.template;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** One version of a template; never changed once stored, so whatever was scheduled with it renders the same. */
@Document(Template.COLLECTION)
public record Template(@Id String id, NotificationType type, String language, int version, String subject,
        String body, Instant createdAt, String createdBy) {

    static final String COLLECTION = "templates";

    static String idOf(NotificationType type, String language, int version) {
        return type + "/" + language + "/" + version;
    }
}
