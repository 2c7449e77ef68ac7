package vn.dvk.notification.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dvk.kit.testing.Contracts;
import vn.dvk.kit.testing.KafkaProbe;
import vn.dvk.kit.testing.TestStack;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InboxEventsIT {

    private static final String SUBMITTED = "vn.dvk.registration.submitted.v1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "notification-it");
    }

    @Test
    void shouldPutOneConfirmationInTheUnitsInboxHoweverOftenTheEventIsRedelivered() throws Exception {
        KafkaProbe kafka = new KafkaProbe(TestStack.get().kafkaBootstrapServers());
        String example = Contracts.example(SUBMITTED).replace("\"00004\"", "\"00070\"");
        Map<String, String> headers = Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", SUBMITTED,
                "ce_source", "urn:dvk:registration-service", "ce_specversion", "1.0",
                "ce_time", "2026-11-20T02:15:30.123Z");
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sends.add(CompletableFuture.runAsync(() -> kafka.send("registration-events", "r-1", headers, example)));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        // A later event proves the five copies before it were all processed.
        String marker = Contracts.example(SUBMITTED).replace("\"00004\"", "\"00070\"")
                .replace("Nuôi ong lấy mật", "Mô hình đánh dấu");
        kafka.send("registration-events", "r-1", Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", SUBMITTED,
                "ce_source", "urn:dvk:registration-service", "ce_specversion", "1.0"), marker);

        JsonNode page = await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/api/notification/inbox?unitCode=00070"))
                                .header("Authorization", "Bearer " + TestStack.token("viewer.01")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body()),
                p -> p.get("totalElements").asInt() >= 2);
        assertThat(page.get("totalElements").asInt()).isEqualTo(2);
        List<String> subjects = new ArrayList<>();
        page.get("content").forEach(item -> subjects.add(item.get("subject").asText()));
        assertThat(subjects).containsExactlyInAnyOrder("Đã nhận đăng ký mô hình \"Nuôi ong lấy mật\"",
                "Đã nhận đăng ký mô hình \"Mô hình đánh dấu\"");
    }
}
