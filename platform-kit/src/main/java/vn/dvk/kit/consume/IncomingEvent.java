package vn.dvk.kit.consume;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/** A CloudEvent read from a Kafka record in binary mode. */
public record IncomingEvent(String id, String type, String source, String subject, Instant time, byte[] data,
        String correlationId) {

    /**
     * Reads the CloudEvents attributes from the headers. Headers written by Spring arrive as strings; those written by
     * other producers arrive as raw bytes; both are accepted.
     *
     * @throws IllegalArgumentException when a required attribute is missing, which sends the record to the
     *                                  dead-letter topic
     */
    public static IncomingEvent from(Message<byte[]> message) {
        MessageHeaders headers = message.getHeaders();
        String time = attribute(headers, "time", false);
        return new IncomingEvent(attribute(headers, "id", true), attribute(headers, "type", true),
                attribute(headers, "source", true), attribute(headers, "subject", false),
                time == null ? null : Instant.parse(time), message.getPayload(),
                attribute(headers, "correlationid", false));
    }

    /**
     * Spring Cloud Function recognises CloudEvents on the way in and may present their attributes under its
     * canonical {@code ce-} prefix instead of Kafka's {@code ce_}; either is read.
     */
    private static String attribute(MessageHeaders headers, String name, boolean required) {
        for (String prefix : PREFIXES) {
            Object value = headers.get(prefix + name);
            if (value instanceof byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
            if (value != null) {
                return value.toString();
            }
        }
        if (required) {
            throw new IllegalArgumentException("not a CloudEvent: attribute " + name + " is missing");
        }
        return null;
    }

    private static final String[] PREFIXES = {"ce_", "ce-", "ce."};
}
