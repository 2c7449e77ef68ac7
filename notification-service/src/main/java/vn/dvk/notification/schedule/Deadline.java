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
import vn.dvk.notification.template.NotificationType;

/**
 * A date by which some units or people must have done something: register their models (a campaign's window),
 * report their running models' progress (one of a campaign's progress-report days), submit their scorecards (a
 * review round) or their self-assessment (a grading scheme). Each of them has an {@link Obligation}; reminders go
 * out at the {@code offsets} before the deadline to those whose obligation is still open, and an overdue notice
 * after it.
 *
 * @param due      the last day, in {@code zone}; the deadline passes at the end of it
 * @param offsets  ISO durations before the deadline (P7D, P3D, P1D…)
 * @param quotas   for windows: "unit kind/model kind" → places per unit
 * @param subjects who has an obligation: unit codes, or reviewers' user names (rounds)
 * @param from     for progress reports: the first day a report counts for this deadline (the day after the
 *                 previous one, or the day the window opened)
 */
@Document(Deadline.COLLECTION)
public record Deadline(@Id String id, DeadlineKind kind, String refId, String unitCode, String title, LocalDate due,
        String zone, List<String> offsets, Map<String, Integer> quotas, List<String> subjects, LocalDate from) {

    static final String COLLECTION = "deadlines";

    /** What is owed, and the notification types of its reminders and of its overdue notice. */
    public enum DeadlineKind {
        WINDOW(NotificationType.WINDOW_CLOSING, NotificationType.WINDOW_OVERDUE),
        PROGRESS(NotificationType.PROGRESS_DUE, NotificationType.PROGRESS_OVERDUE),
        SCORECARDS(NotificationType.SCORECARDS_DUE, NotificationType.SCORECARDS_OVERDUE),
        SELF_ASSESSMENT(NotificationType.SELF_ASSESSMENT_DUE, NotificationType.SELF_ASSESSMENT_OVERDUE);

        final NotificationType reminder;
        final NotificationType overdue;

        DeadlineKind(NotificationType reminder, NotificationType overdue) {
            this.reminder = reminder;
            this.overdue = overdue;
        }

        /** Whether its subjects are units (rather than people). */
        boolean ofUnits() {
            return this != SCORECARDS;
        }
    }

    public static String idOf(DeadlineKind kind, String refId) {
        return kind + ":" + refId;
    }

    /** The reference of a campaign's progress-report deadline on {@code due}. */
    public static String progressRef(String campaignId, LocalDate due) {
        return campaignId + "/" + due;
    }

    /**
     * The obligation that holds a subject's facts for this deadline. A progress report's are the unit's facts in
     * the campaign's window (its registrations and their reports), kept there whatever order the campaign's and the
     * registrations' events come in; every other deadline keeps its own.
     */
    public String factsOf(String subject) {
        return Obligation.idOf(factsDeadlineId(), subject);
    }

    String factsDeadlineId() {
        return kind == DeadlineKind.PROGRESS ? idOf(DeadlineKind.WINDOW, refId.substring(0, refId.lastIndexOf('/')))
                : id;
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
