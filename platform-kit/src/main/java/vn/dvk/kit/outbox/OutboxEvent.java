package vn.dvk.kit.outbox;

import java.time.Instant;

/**
 * An event waiting in an aggregate's document to be published. It is written in the same single-document write as
 * the state change that caused it, so the two can never be separated.
 *
 * @param eventId the CloudEvents id, unique per event; consumers deduplicate on it
 * @param topic   the Kafka topic
 * @param type    {@code vn.dvk.<context>.<event>.v1}
 * @param subject the aggregate id; also the Kafka key, so one aggregate's events stay in order
 * @param time    when the change happened
 * @param data    the event's JSON
 * @param correlationId the id of the request (or event) that caused it, carried on in the Kafka headers; may be null
 * @param sequence the event's place among the events of its aggregate: strictly greater than that of every event the
 *                 aggregate caused before it (gaps are normal). The relay publishes in this order and never publishes
 *                 an event at or below the highest it has already published for the aggregate; it travels as the
 *                 CloudEvents extension {@code ce_sequence}. Null only for events written before it existed.
 */
public record OutboxEvent(String eventId, String topic, String type, String subject, Instant time, String data,
        String correlationId, Long sequence) {

    /** An event without a sequence, as written before sequences existed. */
    public OutboxEvent(String eventId, String topic, String type, String subject, Instant time, String data,
            String correlationId) {
        this(eventId, topic, type, subject, time, data, correlationId, null);
    }
}
