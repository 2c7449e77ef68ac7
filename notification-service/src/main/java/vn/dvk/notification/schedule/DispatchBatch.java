package vn.dvk.notification.schedule;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A unit of dispatch work that one replica claims at a time with a lease: the reminders of one minute that hash to
 * one shard, the notices of one event, the deliveries to retry in one minute, or the e-mails waiting for one
 * morning's daily digests. The schedule is read through these
 * few documents, never by scanning the reminders (the MongoDB-wire server reads a collection whole for a query on a
 * field without a unique index).
 *
 * @param token a fresh value at each claim, so only the claim's holder can renew it or mark it done
 */
@Document(DispatchBatch.COLLECTION)
public record DispatchBatch(@Id String id, Instant dueAt, Status status, String owner, String token,
        Instant leaseUntil, List<String> reminderIds, List<Notice> notices, List<String> retryIds,
        List<String> digestIds, Instant doneAt) {

    static final String COLLECTION = "dispatch_batches";

    public enum Status { PENDING, CLAIMED, DONE }

    public List<String> reminderIds() {
        return reminderIds == null ? List.of() : reminderIds;
    }

    public List<Notice> notices() {
        return notices == null ? List.of() : notices;
    }

    public List<String> retryIds() {
        return retryIds == null ? List.of() : retryIds;
    }

    public List<String> digestIds() {
        return digestIds == null ? List.of() : digestIds;
    }
}
