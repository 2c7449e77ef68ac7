import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import vn.dvk.units.UnitCatalog;

/**
 * Load for the movement statistics benchmark (bench/statistics.sh), straight into Kafka as registration-service
 * would publish it.
 *
 * <pre>
 * preload BOOTSTRAP TOTAL     TOTAL registrations in five yearly campaigns (2022–2026) over Hà Nội's units, each
 *                             as its latest lifecycle event, and each campaign's launch; then the dossier copy's
 *                             consumer group is moved to the end, as if it had copied that history already
 * flow BOOTSTRAP STREAM-URL RATE SECONDS
 *                             new registrations at RATE per second for SECONDS, each timed from its send until it
 *                             is seen (a) on the statistics stream (server-sent events, token in BENCH_TOKEN) and,
 *                             as the baseline in the same run, (b) by a plain Kafka consumer of the topic
 * </pre>
 */
public class StatisticsBench {

    private static final String TOPIC = "registration-events";
    private static final List<String> FIELDS = List.of("ECONOMY", "CULTURE_SOCIETY", "DEFENSE_SECURITY",
            "POLITICAL_SYSTEM");
    private static final List<String> STATUSES = List.of("DRAFT", "SUBMITTED", "RESUBMITTED", "RETURNED", "APPROVED",
            "APPROVED", "APPROVED", "WITHDRAWN", "RECOGNISED", "COMMENDED");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "preload" -> preload(args[1], Integer.parseInt(args[2]));
            case "flow" -> flow(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("preload or flow");
        }
    }

    private static final List<String> UNITS = units();
    private static final Random RANDOM = new Random(42);

    private static List<String> units() {
        List<String> codes = new ArrayList<>();
        codes.add("01");
        UnitCatalog.official2025().childrenOf("01").forEach(u -> codes.add(u.code()));
        return codes;
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(props);
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, String type, String json) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, key.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8));
        Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", type, "ce_source", "urn:dvk:bench",
                "ce_specversion", "1.0").forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** A registration event in the shared shape of registration-service's lifecycle events. */
    private static String registration(String id, String campaign, int year, String status, Instant at) {
        String unit = UNITS.get(RANDOM.nextInt(UNITS.size()));
        String kind = RANDOM.nextBoolean() ? "COLLECTIVE" : "INDIVIDUAL";
        return """
                {"registrationId":"%s","campaignId":"%s","unitCode":"%s","title":"Mô hình %s",\
                "owner":{"type":"%s","name":"Chủ thể %d"},"kind":"%s","field":"%s","level":"%s","status":"%s",\
                "at":"%s","year":%d}""".formatted(id, campaign, unit, id.substring(0, 8),
                kind.equals("COLLECTIVE") ? "ORGANISATION" : "PERSON", RANDOM.nextInt(100_000), kind,
                FIELDS.get(RANDOM.nextInt(FIELDS.size())), unit.length() == 2 ? "PROVINCE" : "COMMUNE", status, at,
                year);
    }

    private static String type(String status) {
        return "vn.dvk.registration." + (status.equals("DRAFT") ? "drafted" : status.toLowerCase()) + ".v1";
    }

    static void preload(String bootstrap, int total) throws Exception {
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (int year = 2022; year <= 2026; year++) {
                String campaign = "bench-" + year;
                producer.send(record("campaign-events", campaign, "vn.dvk.campaign.launched.v1", """
                        {"campaignId":"%s","unitCode":"01","year":%d,"title":"Dân vận khéo %d","levels":["COMMUNE",\
                        "PROVINCE"],"fields":["ECONOMY","CULTURE_SOCIETY","DEFENSE_SECURITY","POLITICAL_SYSTEM"],\
                        "opens":"%d-03-01","closes":"%d-05-31","timeZone":"Asia/Ho_Chi_Minh","quotas":[\
                        {"unitKind":"COMMUNE","kind":"COLLECTIVE","limit":10},\
                        {"unitKind":"COMMUNE","kind":"INDIVIDUAL","limit":15}],"progressReportsDue":[],\
                        "launchedAt":"%d-02-20T02:00:00Z"}""".formatted(campaign, year, year, year, year, year)));
                for (int i = 0; i < total / 5; i++) {
                    String id = UUID.randomUUID().toString();
                    String status = STATUSES.get(RANDOM.nextInt(STATUSES.size()));
                    producer.send(record(TOPIC, id, type(status), registration(id, campaign, year, status,
                            Instant.parse(year + "-04-01T02:00:00Z").plusSeconds(i))));
                }
            }
            producer.flush();
        }
        System.out.printf("preloaded %,d registrations in %d s%n", total, (System.nanoTime() - started) / 1_000_000_000L);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> ends = admin.describeTopics(List.of(TOPIC)).allTopicNames().get()
                    .get(TOPIC).partitions().stream().collect(Collectors.toMap(
                            p -> new TopicPartition(TOPIC, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listOffsets(ends).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets("evaluation-service", offsets).all().get();
            System.out.println("dossier copy's group moved to the end: " + offsets.values().stream()
                    .mapToLong(OffsetAndMetadata::offset).sum() + " records");
        }
    }

    private static final Pattern REGISTRATION_ID = Pattern.compile("\"registrationId\":\"([^\"]+)\"");

    static void flow(String bootstrap, String streamUrl, int rate, int seconds) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> stream = Collections.synchronizedList(new ArrayList<>());
        List<Long> kafka = Collections.synchronizedList(new ArrayList<>());
        HttpClient http = HttpClient.newHttpClient();
        http.sendAsync(HttpRequest.newBuilder(URI.create(streamUrl)).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + System.getenv("BENCH_TOKEN")).build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> response.body().forEach(line -> {
                    long now = System.nanoTime();
                    Matcher m = REGISTRATION_ID.matcher(line);
                    if (line.startsWith("data:") && m.find()) {
                        Long sent = sentAt.get(m.group(1));
                        if (sent != null) {
                            stream.add(now - sent);
                        }
                    }
                }));
        Thread baseline = new Thread(() -> {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
                List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                        .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                while (!Thread.currentThread().isInterrupted()) {
                    consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                        Long sent = sentAt.get(new String(r.key(), StandardCharsets.UTF_8));
                        if (sent != null) {
                            kafka.add(System.nanoTime() - sent);
                        }
                    });
                }
            } catch (org.apache.kafka.common.errors.InterruptException stopped) {
                // the run is over
            }
        });
        baseline.start();
        Thread.sleep(3000);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        int total = rate * seconds;
        int[] sent = {0};
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            long period = 1_000_000_000L / rate;
            ticker.scheduleAtFixedRate(() -> {
                if (sent[0] >= total) {
                    return;
                }
                String id = UUID.randomUUID().toString();
                String json = registration(id, "bench-flow", 2027, "SUBMITTED", Instant.now());
                sentAt.put(id, System.nanoTime());
                producer.send(record(TOPIC, id, type("SUBMITTED"), json));
                sent[0]++;
            }, 0, period, TimeUnit.NANOSECONDS);
            long deadline = System.nanoTime() + (seconds + 15) * 1_000_000_000L;
            while ((stream.size() < total || kafka.size() < total) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            ticker.shutdownNow();
        }
        baseline.interrupt();
        baseline.join(5000);
        System.out.printf("sent %,d registrations at %d/s over %d s%n", total, rate, seconds);
        report("statistics stream (seen by a dashboard)", stream, total);
        report("baseline: Kafka consumer of the topic", kafka, total);
        System.exit(0);
    }

    private static void report(String label, List<Long> nanos, int expected) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.printf("%-42s nothing seen of %,d%n", label, expected);
            return;
        }
        System.out.printf("%-42s seen %,d of %,d  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n", label,
                sorted.size(), expected, at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99),
                sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }
}
