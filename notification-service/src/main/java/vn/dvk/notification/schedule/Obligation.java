package vn.dvk.notification.schedule;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.dvk.kit.text.VietnameseOrder;

/**
 * What one unit or person still owes before a {@link Deadline}, kept as facts from the events so that whether it is
 * done is a pure function of this one document (updated atomically, in any order, any number of times).
 *
 * @param holding   windows: the registrations holding one of the unit's places, id → kind of model
 * @param seen      windows: id → time of the latest registration event applied, so an older one changes nothing
 * @param assigned  rounds: the registrations the reviewer was assigned
 * @param submitted rounds: those whose scorecard the reviewer submitted; self-assessments: the gradings submitted
 * @param running   windows: the unit's registrations being carried out (approved, recognised or commended), id →
 *                  title; they owe progress reports
 * @param reports   windows: registration id → the days its progress reports were filed for
 */
@Document(Obligation.COLLECTION)
public record Obligation(@Id String id, String deadlineId, String subject, String unitCode,
        Map<String, String> holding, Map<String, Long> seen, List<String> assigned, List<String> submitted,
        Map<String, String> running, Map<String, List<String>> reports) {

    static final String COLLECTION = "obligations";

    static String idOf(String deadlineId, String subject) {
        return deadlineId + "|" + subject;
    }

    /** Places of a kind of model taken (windows). */
    public long holding(String kind) {
        return holding == null ? 0 : holding.values().stream().filter(kind::equals).count();
    }

    /** Scorecards assigned and not yet submitted (rounds). */
    public long unsubmitted() {
        if (assigned == null) {
            return 0;
        }
        return assigned.stream().filter(id -> submitted == null || !submitted.contains(id)).count();
    }

    /** Titles of the running registrations with no progress report for a day from {@code from} to {@code due}. */
    public List<String> unreported(LocalDate from, LocalDate due) {
        if (running == null) {
            return List.of();
        }
        return running.entrySet().stream().filter(r -> reports == null || reports.getOrDefault(r.getKey(), List.of())
                .stream().map(LocalDate::parse).noneMatch(day -> (from == null || !day.isBefore(from)) && !day.isAfter(due)))
                .map(Map.Entry::getValue).sorted(Comparator.comparing(VietnameseOrder::sortKey)).toList();
    }
}
