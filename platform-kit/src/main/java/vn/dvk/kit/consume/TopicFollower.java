package vn.dvk.kit.consume;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;

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
 * Follows a topic from now on, in every replica of a service — for in-memory read models that each replica keeps
 * (a consumer group would give each record to only one replica). No group, no committed offsets: {@link #start()}
 * fixes the end of every partition before returning, so a caller that then loads its state from the database misses
 * nothing that happens after the load began. The handler gets each record's key and headers; it must tolerate
 * records it has already seen reflected in the database.
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final BiConsumer<String, Map<String, String>> handler;
    private Thread thread;
    private volatile boolean running;

    public TopicFollower(String bootstrapServers, String topic, BiConsumer<String, Map<String, String>> handler) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "follower-" + topic);
        this.consumer = new KafkaConsumer<>(properties);
        this.topic = topic;
        this.handler = handler;
    }

    /**
     * Positions at the end of every partition, then follows in a thread. A topic that does not exist yet holds no
     * record older than the caller's load: the thread waits for it and then reads it from the beginning.
     */
    public void start() {
        List<TopicPartition> partitions = partitions();
        if (!partitions.isEmpty()) {
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }
        running = true;
        thread = new Thread(this::follow, "follower-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private List<TopicPartition> partitions() {
        return consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private void follow() {
        try {
            while (running && consumer.assignment().isEmpty()) {
                List<TopicPartition> partitions = partitions();
                if (partitions.isEmpty()) {
                    Thread.sleep(1000);
                } else {
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                }
            }
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    Map<String, String> headers = new HashMap<>();
                    for (Header header : record.headers()) {
                        headers.put(header.key(), header.value() == null ? null
                                : new String(header.value(), StandardCharsets.UTF_8));
                    }
                    try {
                        handler.accept(record.key(), headers);
                    } catch (RuntimeException e) {
                        log.warn("Follower of {} could not apply record {}@{}", topic, record.partition(),
                                record.offset(), e);
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll up.
        } catch (InterruptedException | org.apache.kafka.common.errors.InterruptException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close();
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
