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
        Message<byte[]> message = MessageBuilder.withPayload(event.data().getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0)
                .setHeader(CloudEventHeaders.ID, event.eventId())
                .setHeader(CloudEventHeaders.TYPE, event.type())
                .setHeader(CloudEventHeaders.SOURCE, source)
                .setHeader(CloudEventHeaders.SUBJECT, event.subject())
                .setHeader(CloudEventHeaders.TIME, event.time().toString())
                .setHeader(CloudEventHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
                .setHeader(CloudEventHeaders.CORRELATION_ID, event.correlationId())
                .setHeader(KafkaHeaders.KEY, event.subject().getBytes(StandardCharsets.UTF_8))
                .build();
        if (!streamBridge.send(event.topic(), message)) {
            throw new IllegalStateException("event " + event.eventId() + " was not accepted for " + event.topic());
        }
        meters.counter("dvk.events.published", "type", event.type()).increment();
    }
}
