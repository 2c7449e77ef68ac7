package vn.dvk.kit.deadletter;

import java.time.Instant;

/**
 * A record that a consumer of this service gave up on after its retries.
 *
 * @param partition      partition in the dead-letter topic
 * @param offset         offset in the dead-letter topic; with the partition, the handle used to replay it
 * @param originalTopic  where it came from, and where a replay sends it back
 * @param eventId        its CloudEvents id, when it had one
 * @param eventType      its CloudEvents type, when it had one
 * @param error          the last exception's message, as the binder recorded it
 * @param errorType      the last exception's class
 * @param deadLetteredAt when it was dead-lettered
 * @param data           the record value as text
 * @param replayedAt     when it was last replayed from here, or null
 */
public record DeadLetter(int partition, long offset, String originalTopic, String eventId, String eventType,
        String error, String errorType, Instant deadLetteredAt, String data, Instant replayedAt) {
}
