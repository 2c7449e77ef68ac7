package vn.dvk.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import vn.dvk.kit.event.CloudEventHeaders;
import vn.dvk.kit.id.Ids;

/**
 * Publishes {@code notification-events}: one {@code delivery-sent} or {@code delivery-failed} per message reaching
 * its final state, for dashboards. A batch's records are sent together and awaited together (acks=all) — one
 * synchronous send per message would cap delivery at the broker's round trip. A record is published before the
 * outcome is recorded, so a crash in between publishes it again; consumers deduplicate on the CloudEvents id, which
 * is derived from the delivery and its outcome.
 */
@Component
public class NotificationEvents implements DisposableBean {

    public static final String TOPIC = "notification-events";
    public static final String SENT = "vn.dvk.notification.delivery-sent.v1";
    public static final String FAILED = "vn.dvk.notification.delivery-failed.v1";

    /**
     * What a record says: no address, no text, nothing personal beyond the recipient's id. {@code correlationId} is
     * not part of the data: it travels as the {@code ce_correlationid} header (absent when null).
     */
    public record Outcome(String deliveryId, String notificationType, String channel, String unitCode,
            String recipientId, String reference, int attempts, Instant at, String error,
            @JsonIgnore String correlationId) {
    }

    private final KafkaProducer<String, byte[]> producer;
    private final JsonMapper json;

    NotificationEvents(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers, JsonMapper json) {
        this.json = json;
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Each publish waits for its acknowledgement, so its records must leave at once: a linger (Kafka's default is
        // 5 ms) would be added to every group of messages a sender thread records.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "notification-events-" + Ids.newId());
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes the outcomes and returns once the broker has acknowledged them all. */
    public void publish(List<Outcome> outcomes, boolean failed) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            String type = failed ? FAILED : SENT;
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, outcome.deliveryId(),
                    json.writeValueAsBytes(outcome));
            header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
            header(record, CloudEventHeaders.ID, outcome.deliveryId() + (failed ? "|failed" : "|sent"));
            header(record, CloudEventHeaders.TYPE, type);
            header(record, CloudEventHeaders.SOURCE, "urn:dvk:notification-service");
            header(record, CloudEventHeaders.SUBJECT, outcome.deliveryId());
            header(record, CloudEventHeaders.TIME, outcome.at().toString());
            header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
            if (outcome.correlationId() != null) {
                // The delivery's own cause, stored with it: this thread (a sender, maybe on another replica, maybe
                // days later) handles many causes at once and has none of its own.
                header(record, CloudEventHeaders.CORRELATION_ID, outcome.correlationId());
            }
            sent.add(producer.send(record));
        }
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing notification events", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("notification events were not acknowledged", e);
            }
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void destroy() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
