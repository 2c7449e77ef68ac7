package vn.dvk.kit.outbox;

import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;
import vn.dvk.kit.event.CloudEventHeaders;

/**
 * Publishes through Spring Cloud Stream as a CloudEvent in Kafka binary mode. Producer bindings are synchronous
 * (see the kit's defaults), so a broker failure surfaces here as an exception and the event stays in the outbox.
 */
public class StreamBridgeEventPublisher implements EventPublisher {

    private final StreamBridge streamBridge;
    private final String source;
    private final MeterRegistry meters;

    public StreamBridgeEventPublisher(StreamBridge streamBridge, String source, MeterRegistry meters) {
        this.streamBridge = streamBridge;
        this.source = source;
        this.meters = meters;
    }

    @Override
    public void publish(OutboxEvent event) {
        // Header values as bytes: the binder writes them as they are, with no type hints of its own
        // (spring_json_header_types); the kit's header patterns let only the contract's headers through.
        MessageBuilder<byte[]> builder = MessageBuilder.withPayload(event.data().getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.SPEC_VERSION, utf8(CloudEventHeaders.SPEC_VERSION_1_0))
                .setHeader(CloudEventHeaders.ID, utf8(event.eventId()))
                .setHeader(CloudEventHeaders.TYPE, utf8(event.type()))
                .setHeader(CloudEventHeaders.SOURCE, utf8(source))
                .setHeader(CloudEventHeaders.SUBJECT, utf8(event.subject()))
                .setHeader(CloudEventHeaders.TIME, utf8(event.time().toString()))
                .setHeader(CloudEventHeaders.CONTENT_TYPE, utf8(MimeTypeUtils.APPLICATION_JSON_VALUE))
                .setHeader(CloudEventHeaders.CORRELATION_ID, utf8(event.correlationId()))
                .setHeader(CloudEventHeaders.SEQUENCE,
                        event.sequence() == null ? null : utf8(CloudEventHeaders.sequence(event.sequence())))
                .setHeader(KafkaHeaders.KEY, event.subject().getBytes(StandardCharsets.UTF_8));
        Message<byte[]> message = builder.build();
        if (!streamBridge.send(event.topic(), message)) {
            throw new IllegalStateException("event " + event.eventId() + " was not accepted for " + event.topic());
        }
        meters.counter("dvk.events.published", "type", event.type()).increment();
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }
}
