package vn.dvk.kit.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Reads and writes raw Kafka records the way an external producer or dashboard would: no Spring, headers as bytes.
 */
public final class KafkaProbe {

    /** A record with its headers decoded as UTF-8 text. */
    public record Received(String topic, String key, Map<String, String> headers, String value) {
    }

    private final String bootstrapServers;

    /** The CloudEvents headers a producing service would set on an event of {@code type}. */
    public static Map<String, String> cloudEvent(String eventId, String type, String source) {
        return Map.of("ce_id", eventId, "ce_type", type, "ce_source", source, "ce_specversion", "1.0",
                "ce_time", java.time.Instant.now().toString(), "content-type", "application/json");
    }

    public KafkaProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Reads {@code topic} from the beginning until a record matches, or fails after {@code timeout}. */
    public Received awaitRecord(String topic, Predicate<Received> matching, Duration timeout) {
        List<Received> all = readUntil(topic, matching, timeout);
        return all.stream().filter(matching).findFirst()
                .orElseThrow(() -> new AssertionError("no matching record on " + topic + " within " + timeout
                        + "; saw " + all.size()));
    }

    /** Every record on {@code topic} that matches, reading for at most {@code timeout}. */
    public List<Received> readUntil(String topic, Predicate<Received> stopWhen, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<Received> seen = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Received received = decode(r);
                    seen.add(received);
                    if (stopWhen.test(received)) {
                        return seen;
                    }
                }
            }
        }
        return seen;
    }

    /** A record to send: its key, headers and value. */
    public record Outgoing(String topic, String key, Map<String, String> headers, String value) {
    }

    /** Sends a record with the given headers, waiting for the broker's acknowledgement. */
    public void send(String topic, String key, Map<String, String> headers, String value) {
        sendAll(List.of(new Outgoing(topic, key, headers, value)));
    }

    /** Sends records in this order through one producer, waiting until the broker has acknowledged them all. */
    public void sendAll(List<Outgoing> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            List<java.util.concurrent.Future<?>> acks = new java.util.ArrayList<>();
            for (Outgoing out : records) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(out.topic(), null,
                        out.key() == null ? null : out.key().getBytes(StandardCharsets.UTF_8),
                        out.value().getBytes(StandardCharsets.UTF_8));
                out.headers().forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
                acks.add(producer.send(record));
            }
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not send " + records.size() + " records", e);
        }
    }

    private static Received decode(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return new Received(r.topic(), r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), headers,
                r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
    }
}
