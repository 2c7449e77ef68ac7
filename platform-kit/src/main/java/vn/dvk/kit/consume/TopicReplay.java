package vn.dvk.kit.consume;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads topics from their beginning and then follows them, without a consumer group — for read models that are a
 * function of the topics alone and that every replica computes whole. {@link #replay} reads up to the end the topics
 * had when it was called and returns, so the caller can swap in a model built from scratch; {@link #follow} then goes
 * on from there in a thread.
 */
public final class TopicReplay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicReplay.class);

    /** One record: where it sits, and what it says. */
    public record Record(String topic, int partition, long offset, String key, Map<String, String> headers,
            String value) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<String> topics;
    private Thread thread;
    private volatile boolean running;

    public TopicReplay(String bootstrapServers, List<String> topics) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "replay-" + String.join("-", topics));
        this.consumer = new KafkaConsumer<>(properties);
        this.topics = List.copyOf(topics);
    }

    /**
     * Reads every record the topics hold now, from the beginning, handing each to {@code handler}; returns how many.
     * Topics that do not exist yet hold nothing; they are picked up by {@link #follow} once created.
     */
    public long replay(Consumer<Record> handler) {
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long read = 0;
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                deliver(record, handler);
                read++;
            }
        }
        return read;
    }

    /**
     * Positions at the end every partition has now, so that {@link #follow} reads only what comes after (a topic
     * created later is read from its beginning: nothing in it is older than this call).
     */
    public void skipToEnd() {
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Goes on reading in a thread, from where {@link #replay} or {@link #skipToEnd} stopped. */
    public void follow(Consumer<Record> handler) {
        running = true;
        thread = new Thread(() -> {
            try {
                long partitionsCheckedAt = 0;
                while (running) {
                    // New topics or partitions are looked for every few seconds (every half second while none).
                    if (consumer.assignment().isEmpty() || System.nanoTime() - partitionsCheckedAt > 5_000_000_000L) {
                        partitionsCheckedAt = System.nanoTime();
                        List<TopicPartition> partitions = partitions();
                        List<TopicPartition> added = partitions.stream()
                                .filter(p -> !consumer.assignment().contains(p)).toList();
                        if (!added.isEmpty()) {
                            Map<TopicPartition, Long> positions = new HashMap<>();
                            consumer.assignment().forEach(p -> positions.put(p, consumer.position(p)));
                            consumer.assign(partitions);
                            positions.forEach(consumer::seek);
                            consumer.seekToBeginning(added);
                        }
                    }
                    if (consumer.assignment().isEmpty()) {
                        Thread.sleep(500);
                        continue;
                    }
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        deliver(record, handler);
                    }
                }
            } catch (WakeupException stopping) {
                // close() woke the poll up.
            } catch (InterruptedException | org.apache.kafka.common.errors.InterruptException stopping) {
                Thread.currentThread().interrupt();
            } finally {
                consumer.close();
            }
        }, "replay-" + String.join("-", topics));
        thread.setDaemon(true);
        thread.start();
    }

    private List<TopicPartition> partitions() {
        return topics.stream().flatMap(topic -> consumer.listTopics(Duration.ofSeconds(10)).getOrDefault(topic,
                List.of()).stream()).map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private static void deliver(ConsumerRecord<String, String> record, Consumer<Record> handler) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8));
        }
        try {
            handler.accept(new Record(record.topic(), record.partition(), record.offset(), record.key(), headers,
                    record.value()));
        } catch (RuntimeException e) {
            log.warn("Replay could not apply record {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread == null) {
            consumer.close();
            return;
        }
        consumer.wakeup();
        thread.interrupt();
        thread.join(10_000);
    }
}
