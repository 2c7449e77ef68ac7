package vn.dvk.notification.schedule;

import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What one unit or person still owes before a {@link Deadline}, kept as facts from the events so that whether it is
 * done is a pure function of this one document (updated atomically, in any order, any number of times).
 *
 * @param holding   windows: the registrations holding one of the unit's places, id → kind of model
 * @param seen      windows: id → time of the latest registration event applied, so an older one changes nothing
 * @param assigned  rounds: the registrations the reviewer was assigned
 * @param submitted rounds: those whose scorecard the reviewer submitted
 */
@Document(Obligation.COLLECTION)
public record Obligation(@Id String id, String deadlineId, String subject, String unitCode,
        Map<String, String> holding, Map<String, Long> seen, List<String> assigned, List<String> submitted) {

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
}
