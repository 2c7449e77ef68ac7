package vn.dvk.kit.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import vn.dvk.kit.event.CloudEventHeaders;

/**
 * The service's dead-letter topic ({@code <application>.dlq}): where consumers put records they could not apply after
 * their retries, how people list them, and how they send one back to its original topic once the cause is fixed.
 * Replaying is safe because every consumer is idempotent.
 */
public class DeadLetters implements DlqDestinationResolver {

    static final String ORIGINAL_TOPIC = "x-original-topic";
    static final String EXCEPTION_MESSAGE = "x-exception-message";
    static final String EXCEPTION_FQCN = "x-exception-fqcn";
    private static final String REPLAYS = "dead_letter_replays";

    private final String topic;
    private final String bootstrapServers;
    private final MongoTemplate mongo;
    private final MeterRegistry meters;

    public DeadLetters(String applicationName, String bootstrapServers, MongoTemplate mongo, MeterRegistry meters) {
        this.topic = applicationName + ".dlq";
        this.bootstrapServers = bootstrapServers;
        this.mongo = mongo;
        this.meters = meters;
    }

    public String topic() {
        return topic;
    }

    /** Called by the binder for each record it dead-letters: names the topic, and counts it. */
    @Override
    public String apply(ConsumerRecord<?, ?> record, Exception cause) {
        meters.counter("dvk.events.dead_lettered", "type", text(record.headers(), CloudEventHeaders.TYPE, "unknown"),
                "topic", record.topic()).increment();
        return topic;
    }

    /** Every dead letter, oldest first, with the time of its last replay. */
    public List<DeadLetter> list() {
        Map<String, Date> replays = new HashMap<>();
        for (Document replay : mongo.findAll(Document.class, REPLAYS)) {
            replays.put(replay.getString("_id"), replay.getDate("replayedAt"));
        }
        List<DeadLetter> result = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll()) {
            Date replayed = replays.get(key(record.partition(), record.offset()));
            result.add(toDeadLetter(record, replayed == null ? null : replayed.toInstant()));
        }
        return result;
    }

    /**
     * Sends the dead letter at this position back to its original topic, with its key and CloudEvents headers.
     *
     * @return the replayed dead letter, or empty if there is none at that position
     */
    public Optional<DeadLetter> replay(int partition, long offset) {
        Optional<ConsumerRecord<byte[], byte[]>> found = readAt(partition, offset);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConsumerRecord<byte[], byte[]> record = found.get();
        String originalTopic = text(record.headers(), ORIGINAL_TOPIC, null);
        if (originalTopic == null) {
            throw new IllegalStateException("dead letter " + partition + "/" + offset + " names no original topic");
        }
        ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(originalTopic, null, record.key(), record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith("x-")) {
                again.headers().add(header);
            }
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            producer.send(again).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not replay to " + originalTopic, e.getCause());
        }
        Instant now = Instant.now();
        mongo.upsert(new Query(Criteria.where("_id").is(key(partition, offset))),
                new Update().set("replayedAt", Date.from(now)).inc("times", 1), REPLAYS);
        return Optional.of(toDeadLetter(record, now));
    }

    /** The record at one position, read directly rather than by scanning the topic. */
    private Optional<ConsumerRecord<byte[], byte[]>> readAt(int partition, long offset) {
        TopicPartition position = new TopicPartition(topic, partition);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (partitions == null || partitions.stream().noneMatch(p -> p.partition() == partition)) {
                return Optional.empty();
            }
            consumer.assign(List.of(position));
            if (offset < 0 || offset >= consumer.endOffsets(List.of(position)).get(position)) {
                return Optional.empty();
            }
            consumer.seek(position, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return Optional.of(record);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll() {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (partitions == null || partitions.isEmpty()) {
                return records;
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        records.sort((a, b) -> a.timestamp() != b.timestamp() ? Long.compare(a.timestamp(), b.timestamp())
                : Long.compare(a.offset(), b.offset()));
        return records;
    }

    private DeadLetter toDeadLetter(ConsumerRecord<byte[], byte[]> record, Instant replayedAt) {
        Headers headers = record.headers();
        return new DeadLetter(record.partition(), record.offset(), text(headers, ORIGINAL_TOPIC, null),
                text(headers, CloudEventHeaders.ID, null), text(headers, CloudEventHeaders.TYPE, null),
                text(headers, EXCEPTION_MESSAGE, null), text(headers, EXCEPTION_FQCN, null),
                Instant.ofEpochMilli(record.timestamp()),
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8), replayedAt);
    }

    private static String text(Headers headers, String name, String fallback) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? fallback
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String key(int partition, long offset) {
        return partition + ":" + offset;
    }

    private Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    private Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return props;
    }
}
