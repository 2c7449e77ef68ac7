package vn.dvk.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.dvk.kit.event.CloudEventHeaders;
import vn.dvk.kit.testing.TestStack;

/**
 * A service wired by the kit, against the local stack: events leave in the order their aggregate caused them, each
 * once, even while features keep saving aggregates whose outbox the relay is emptying; and a record carries only the
 * headers the contract names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = OutboxOrderIT.App.class,
        properties = {"spring.application.name=kit-order-it", "dvk.database=kit-order-it",
            "dvk.api.base-path=/api/kit-order-it"})
class OutboxOrderIT {

    private static final String TOPIC = "kit-order-events";
    private static final String HEADER_TOPIC = "kit-header-events";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    /** An aggregate as the services write them: optimistic locking, pending events in its document. */
    @org.springframework.data.mongodb.core.mapping.Document("order_things")
    static class Thing implements HasOutbox {
        @Id
        private String id;
        @Version
        private Long version;
        private int step;
        private List<OutboxEvent> outbox = new ArrayList<>();

        @Override
        public List<OutboxEvent> outbox() {
            return outbox;
        }
    }

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "kit-order-it");
        // The relay polls all but continuously, to race the features' saves as hard as it can.
        registry.add("dvk.outbox.poll-interval", () -> "PT0.001S");
        registry.add("dvk.outbox.sweep-interval", () -> "PT0.05S");
    }

    @Autowired
    MongoTemplate mongo;
    @Autowired
    Outbox outbox;
    @Autowired
    EventPublisher publisher;

    /**
     * Hundreds of aggregates, each saved several times in a row by a feature that loads it (often with an event still
     * pending), appends the next event and saves the whole document back — while the relay publishes and removes
     * pending events in between. In about half the saves that load a pending event, the feature waits until the relay
     * has published and removed it before saving, so the save carries an already published event back every time;
     * the others race freely. On the topic: every event exactly once, and per key in the order the aggregate caused
     * them.
     */
    @Test
    void eventsOfOneAggregateLeaveOnceAndInOrderWhileSavesRaceTheRelay() throws Exception {
        int aggregates = 120;
        int savesEach = 5;
        String run = UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger savedBack = new AtomicInteger();
        ExecutorService features = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int a = 0; a < aggregates; a++) {
            String id = run + "-" + a;
            done.add(features.submit(() -> {
                for (int step = 0; step < savesEach; step++) {
                    Thing thing = step == 0 ? new Thing() : mongo.findById(id, Thing.class);
                    thing.id = id;
                    thing.step = step;
                    if (!thing.outbox.isEmpty() && ThreadLocalRandom.current().nextBoolean()
                            && publishedMeanwhile(id, thing.outbox.get(thing.outbox.size() - 1).eventId())) {
                        savedBack.incrementAndGet();
                    } else {
                        pause();
                    }
                    outbox.append(thing, TOPIC, "vn.dvk.test.stepped.v1", id, Map.of("step", step));
                    mongo.save(thing);
                    pause();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        features.shutdown();
        await().atMost(Duration.ofMinutes(2)).until(() -> mongo.count(
                new Query(Criteria.where(HasOutbox.FIELD + ".0").exists(true).and("_id").regex("^" + run)),
                Thing.class) == 0);

        List<ConsumerRecord<byte[], byte[]>> records = readAll(TOPIC).stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).startsWith(run)).toList();
        Set<String> ids = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        Map<String, String> lastSequence = new HashMap<>();
        List<String> outOfOrder = new ArrayList<>();
        Map<String, Integer> lastStep = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            String eventId = header(r, CloudEventHeaders.ID);
            String sequence = header(r, CloudEventHeaders.SEQUENCE);
            int step = Integer.parseInt(new String(r.value(), StandardCharsets.UTF_8).replaceAll("\\D", ""));
            if (!ids.add(eventId)) {
                repeated.add(key + " step " + step);
            }
            String before = lastSequence.put(key, sequence);
            Integer stepBefore = lastStep.put(key, step);
            if (before != null && (sequence.compareTo(before) <= 0 || step <= stepBefore)) {
                outOfOrder.add(key + ": step " + step + " (" + sequence + ") after step " + stepBefore + " (" + before
                        + ")");
            }
        }
        System.out.printf("OutboxOrderIT: %d saves by %d aggregates, %d of them carrying back a published event;"
                + " %d records, %d repeated, %d out of order%n", aggregates * savesEach, aggregates, savedBack.get(),
                records.size(), repeated.size(), outOfOrder.size());
        assertThat(savedBack.get()).as("saves that carried back an already published event").isGreaterThan(30);
        assertThat(repeated).as("events published more than once").isEmpty();
        assertThat(outOfOrder).as("events published after a later event of their aggregate").isEmpty();
        assertThat(records).hasSize(aggregates * savesEach);
        assertThat(lastStep).hasSize(aggregates).allSatisfy((key, step) -> assertThat(step).isEqualTo(savesEach - 1));
    }

    /**
     * A record carries the CloudEvents headers and one content type, as the AsyncAPI trait {@code cloudEvent}
     * describes, and nothing of Spring's own bookkeeping.
     */
    @Test
    void aPublishedRecordCarriesOnlyTheContractsHeaders() {
        OutboxEvent event = new OutboxEvent("event-" + UUID.randomUUID(), HEADER_TOPIC, "vn.dvk.test.happened.v1",
                "thing-7", Instant.parse("2026-03-01T02:03:04Z"), "{\"n\":1}", "corr-1", 42_000_001L);
        publisher.publish(event);

        ConsumerRecord<byte[], byte[]> record = readAll(HEADER_TOPIC).stream()
                .filter(r -> event.eventId().equals(header(r, CloudEventHeaders.ID))).findFirst().orElseThrow();
        List<String> names = new ArrayList<>();
        for (Header h : record.headers()) {
            names.add(h.key());
        }
        assertThat(names).containsExactlyInAnyOrder("ce_id", "ce_type", "ce_source", "ce_subject", "ce_time",
                "ce_specversion", "ce_correlationid", "ce_sequence", "content-type");
        assertThat(header(record, "ce_type")).isEqualTo("vn.dvk.test.happened.v1");
        assertThat(header(record, "ce_source")).isEqualTo("urn:dvk:kit-order-it");
        assertThat(header(record, "ce_subject")).isEqualTo("thing-7");
        assertThat(header(record, "ce_time")).isEqualTo("2026-03-01T02:03:04Z");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_correlationid")).isEqualTo("corr-1");
        assertThat(header(record, "ce_sequence")).isEqualTo("0000000000042000001");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("thing-7");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");

        // Without a correlation id or a sequence (an event written before sequences), those headers are absent.
        OutboxEvent bare = new OutboxEvent("event-" + UUID.randomUUID(), HEADER_TOPIC, "vn.dvk.test.happened.v1",
                "thing-8", Instant.now(), "{}", null);
        publisher.publish(bare);
        ConsumerRecord<byte[], byte[]> bareRecord = readAll(HEADER_TOPIC).stream()
                .filter(r -> bare.eventId().equals(header(r, CloudEventHeaders.ID))).findFirst().orElseThrow();
        List<String> bareNames = new ArrayList<>();
        for (Header h : bareRecord.headers()) {
            bareNames.add(h.key());
        }
        assertThat(bareNames).containsExactlyInAnyOrder("ce_id", "ce_type", "ce_source", "ce_subject", "ce_time",
                "ce_specversion", "content-type");
    }

    @Test
    void aSequenceIsDerivedFromTheVersionTheSaveWillWriteAndRisesWithEveryEvent() {
        Thing thing = new Thing();
        thing.id = "seq-" + UUID.randomUUID();
        OutboxEvent first = outbox.append(thing, TOPIC, "vn.dvk.test.stepped.v1", thing.id, Map.of("step", 0));
        OutboxEvent second = outbox.append(thing, TOPIC, "vn.dvk.test.stepped.v1", thing.id, Map.of("step", 1));
        assertThat(first.sequence()).isZero();
        assertThat(second.sequence()).isEqualTo(1);
        thing.version = 4L;
        OutboxEvent later = outbox.append(thing, TOPIC, "vn.dvk.test.stepped.v1", thing.id, Map.of("step", 2));
        assertThat(later.sequence()).isEqualTo(5 * Outbox.PER_VERSION);
    }

    /** Waits (a while at most) until the relay has published the event and removed it from the document. */
    private boolean publishedMeanwhile(String id, String eventId) {
        try {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2)).until(() -> mongo
                    .findById(id, Thing.class).outbox.stream().noneMatch(e -> e.eventId().equals(eventId)));
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** Lets other feature threads and the relay interleave here, without waiting for anything in particular. */
    private static void pause() {
        for (int i = ThreadLocalRandom.current().nextInt(3); i >= 0; i--) {
            Thread.yield();
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Every record on the topic up to its current end. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.get().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read " + topic + " to its end in time").isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }
}
