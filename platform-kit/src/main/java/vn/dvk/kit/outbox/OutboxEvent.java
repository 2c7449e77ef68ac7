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
 */
public record OutboxEvent(String eventId, String topic, String type, String subject, Instant time, String data,
        String correlationId) {
}
