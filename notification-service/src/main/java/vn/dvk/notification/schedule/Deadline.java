package vn.dvk.notification.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A date by which some units or people must have done something: register their models (a campaign's window) or
 * submit their scorecards (a review round). Each of them has an {@link Obligation}; reminders go out at the
 * {@code offsets} before the deadline to those whose obligation is still open, and an overdue notice after it.
 *
 * @param due      the last day, in {@code zone}; the deadline passes at the end of it
 * @param offsets  ISO durations before the deadline (P7D, P3D, P1D…)
 * @param quotas   for windows: "unit kind/model kind" → places per unit
 * @param subjects who has an obligation: unit codes (windows) or reviewers' user names (rounds)
 */
@Document(Deadline.COLLECTION)
public record Deadline(@Id String id, DeadlineKind kind, String refId, String unitCode, String title, LocalDate due,
        String zone, List<String> offsets, Map<String, Integer> quotas, List<String> subjects) {

    static final String COLLECTION = "deadlines";

    public enum DeadlineKind { WINDOW, SCORECARDS }

    public static String idOf(DeadlineKind kind, String refId) {
        return kind + ":" + refId;
    }

    /** An offset as people write it: P7D for seven days, PT2H for two hours. */
    public static String offsetText(Duration offset) {
        return offset.toSeconds() % 86_400 == 0 ? "P" + offset.toDays() + "D" : offset.toString();
    }

    /** The instant the deadline passes: the start of the day after {@code due}. */
    public Instant passesAt() {
        return due.plusDays(1).atStartOfDay(ZoneId.of(zone)).toInstant();
    }

    /**
     * When the reminder {@code offset} before the deadline goes out: a whole number of days before goes out at
     * {@code sendAt} local time that many days before the last day (P7D before 31/12 is 24/12 at 08:00); any other
     * duration is counted back from the instant the deadline passes.
     */
    public Instant reminderAt(Duration offset, LocalTime sendAt) {
        if (offset.toSeconds() % 86_400 == 0) {
            return due.minusDays(offset.toDays()).atTime(sendAt).atZone(ZoneId.of(zone)).toInstant();
        }
        return passesAt().minus(offset);
    }

    /** When the overdue notice goes out: the morning after the last day. */
    public Instant overdueAt(LocalTime sendAt) {
        return due.plusDays(1).atTime(sendAt).atZone(ZoneId.of(zone)).toInstant();
    }
}
