package vn.dvk.notification.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.dvk.notification.template.NotificationType;

/**
 * One reminder in the schedule: to one obligation's people, {@code offset} before a deadline (or, with offset
 * {@value #OVERDUE}, the overdue notice after it to the deadline's coordinators). Its id names the obligation, the
 * deadline's day and the offset, so planning it again never makes a second one.
 *
 * @param nextDueAt when the next reminder of the same obligation is due (null for the last): once that time has
 *                  come, this one is superseded and dropped if it was not sent
 * @param templates     the template version per language, pinned when it was planned
 * @param correlationId the correlation id of the event (or request) that planned it, or last gave it another
 *                      chance; null if none. Its messages carry it into {@code notification-events}.
 */
@Document(Reminder.COLLECTION)
public record Reminder(@Id String id, String deadlineId, String obligationId, NotificationType type, LocalDate due,
        String offset, Instant dueAt, Instant nextDueAt, String unitCode, String subject,
        Map<String, Integer> templates, Status status, String reason, Instant updatedAt,
        String correlationId) {

    static final String COLLECTION = "reminders";
    static final String OVERDUE = "OVERDUE";

    public enum Status {
        /** Waiting for its time. */
        PENDING,
        /** Turned into messages. */
        SENT,
        /** Not sent: what it asked for was done by then (shown as CANCELLED while pending). */
        SKIPPED,
        /** Not sent: superseded by a later reminder, rescheduled, or the deadline had passed. */
        DROPPED
    }

    static String idOf(String subjectId, LocalDate due, String offset) {
        return subjectId + "|" + due + "|" + offset;
    }
}
