package vn.dvk.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import vn.dvk.kit.testing.Contracts;
import vn.dvk.kit.testing.KafkaProbe;
import vn.dvk.kit.testing.TestStack;
import vn.dvk.notification.NotificationApi;

/**
 * The channels of one event notice: the signed webhook for SMS (its signature checked as a gateway would), retries
 * with backoff until it goes through, a dead letter when it never does, quiet hours holding SMS but not e-mail, the
 * returned model's reason in the text, and the outcomes on notification-events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dvk.notification.dispatch.poll-interval=PT0.2S", "dvk.notification.dispatch.slot=PT1S",
        "dvk.notification.retry.max-attempts=3", "dvk.notification.retry.first-backoff=PT1S"})
class ChannelsIT {

    private static final String SECRET = "gateway-secret-" + UUID.randomUUID();
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String UNIT = "00082";
    private static final String OK = "0911000001";
    private static final String FLAKY = "0911000002";
    private static final String BROKEN = "0911000003";
    private static final String SLEEPING = "0911000004";
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static final List<JsonNode> ACCEPTED = new CopyOnWriteArrayList<>();
    private static final List<String> BAD_SIGNATURES = new CopyOnWriteArrayList<>();
    private static HttpServer gateway;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) throws IOException {
        TestStack.register(registry, "notification-channels");
        registry.add("spring.cloud.stream.default.group", () -> "notification-channels");
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/sms", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String timestamp = exchange.getRequestHeaders().getFirst("X-DVK-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-DVK-Signature");
            int status;
            try {
                if (!("sha256=" + WebhookSender.sign(SECRET, timestamp + "." + body)).equals(signature)) {
                    BAD_SIGNATURES.add(body);
                }
                JsonNode message = NotificationApi.JSON.readTree(body);
                String to = message.get("to").asString();
                int call = CALLS.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
                status = BROKEN.equals(to) || (FLAKY.equals(to) && call <= 2) ? 503 : 202;
                if (status == 202) {
                    ACCEPTED.add(message);
                }
            } catch (Exception e) {
                status = 400;
            }
            exchange.sendResponseHeaders(status, -1);
            try (OutputStream ignored = exchange.getResponseBody()) {
                // no body
            }
        });
        gateway.start();
        registry.add("dvk.notification.webhook.url", () -> "http://127.0.0.1:" + gateway.getAddress().getPort()
                + "/sms");
        registry.add("dvk.notification.webhook.secret", () -> SECRET);
    }

    @AfterAll
    static void stopGateway() {
        gateway.stop(0);
    }

    @Test
    void shouldSignRetryDeadLetterAndHoldSmsInQuietHoursWhileEmailGoes() throws Exception {
        NotificationApi api = new NotificationApi(port);
        LocalTime now = LocalTime.now(VIETNAM);
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        String awake = "{\"from\":\"" + hhmm.format(now.plusHours(3)) + "\",\"to\":\"" + hhmm.format(now.plusHours(4))
                + "\"}";
        String asleep = "{\"from\":\"" + hhmm.format(now.minusHours(1)) + "\",\"to\":\"" + hhmm.format(now.plusHours(2))
                + "\"}";
        String sleeperMail = "ngu-" + UUID.randomUUID() + "@cuanam.example.vn";
        for (String[] person : new String[][] {{OK, awake, "SMS"}, {FLAKY, awake, "SMS"}, {BROKEN, awake, "SMS"},
                {SLEEPING, asleep, "SMS\",\"EMAIL"}}) {
            HttpResponse<String> created = api.call("POST", "/recipients", "coordinator.01", "{\"unitCode\":\"" + UNIT
                    + "\",\"name\":\"Cán bộ " + person[0] + "\",\"phone\":\"" + person[0] + "\",\"email\":\""
                    + (person[0].equals(SLEEPING) ? sleeperMail : person[0] + "@cuanam.example.vn")
                    + "\",\"roles\":[\"UNIT_OFFICER\"],\"channels\":[\"" + person[2] + "\"],\"quietHours\":"
                    + person[1] + "}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        HttpResponse<String> noPhone = api.call("POST", "/recipients", "coordinator.01", "{\"unitCode\":\"" + UNIT
                + "\",\"name\":\"Không số\",\"email\":\"x@example.vn\",\"roles\":[\"UNIT_OFFICER\"],"
                + "\"channels\":[\"SMS\"]}");
        assertThat(noPhone.statusCode()).isEqualTo(422);
        assertThat(noPhone.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(NotificationApi.JSON.readTree(noPhone.body()).get("title").asString())
                .isEqualTo("Thiếu số điện thoại");

        String registration = UUID.randomUUID().toString();
        api.publish("registration-events", registration, "vn.dvk.registration.returned.v1", Map.of(
                "registrationId", registration, "unitCode", UNIT, "title", "Sân chơi cho em",
                "reason", "Bổ sung số hộ tham gia.", "at", Instant.now().toString()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get("/deliveries?unitCode=" + UNIT
                + "&status=DEAD", "coordinator.01").get("totalElements").asInt()).isEqualTo(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> ACCEPTED.size() >= 2);
        assertThat(BAD_SIGNATURES).as("every call is signed with the shared secret").isEmpty();
        assertThat(ACCEPTED).extracting(m -> m.get("to").asString()).containsExactlyInAnyOrder(OK, FLAKY);
        assertThat(ACCEPTED.get(0).get("text").asString()).contains("Bổ sung số hộ tham gia.")
                .contains("Sân chơi cho em");
        assertThat(CALLS.get(FLAKY).get()).as("two failures, then through").isEqualTo(3);
        assertThat(CALLS.get(BROKEN).get()).as("given up after the last of three attempts").isEqualTo(3);
        assertThat(CALLS).as("quiet hours: no SMS to the sleeping officer").doesNotContainKey(SLEEPING);

        JsonNode dead = api.get("/deliveries?unitCode=" + UNIT + "&status=DEAD", "coordinator.01").at("/content/0");
        assertThat(dead.get("address").asString()).isEqualTo(BROKEN);
        assertThat(dead.get("log")).hasSize(3);
        assertThat(dead.at("/log/2/error").asString()).contains("503");
        JsonNode held = api.get("/deliveries?unitCode=" + UNIT + "&status=RETRY", "coordinator.01").at("/content/0");
        assertThat(held.get("address").asString()).isEqualTo(SLEEPING);
        assertThat(Instant.parse(held.get("nextAttemptAt").asString())).as("held until the end of the quiet hours")
                .isAfter(Instant.now().plus(Duration.ofMinutes(100)));
        assertThat(await().atMost(Duration.ofSeconds(10)).until(() -> TestStack.get().mail().receivedMessages().stream()
                .filter(m -> m.to().contains(sleeperMail)).toList(), l -> !l.isEmpty()))
                .as("e-mail still goes in quiet hours").hasSize(1).first()
                .satisfies(m -> assertThat(m.subject()).isEqualTo("Mô hình \"Sân chơi cho em\" được trả lại để bổ sung"));

        KafkaProbe kafka = new KafkaProbe(TestStack.get().kafkaBootstrapServers());
        KafkaProbe.Received failed = kafka.awaitRecord("notification-events",
                r -> r.value().contains(dead.get("recipientId").asString())
                        && r.headers().get("ce_type").endsWith("failed.v1"),
                Duration.ofSeconds(20));
        assertThat(Contracts.violations("vn.dvk.notification.delivery-failed.v1", failed.value())).isEmpty();
        assertThat(failed.value()).as("nothing personal on the topic").doesNotContain(BROKEN);
        KafkaProbe.Received sent = kafka.awaitRecord("notification-events",
                r -> r.headers().get("ce_type").endsWith("sent.v1") && r.value().contains("\"SMS\""),
                Duration.ofSeconds(20));
        assertThat(Contracts.violations("vn.dvk.notification.delivery-sent.v1", sent.value())).isEmpty();
    }
}
