package vn.dvk.evaluation.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

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

/** evaluation-service reading registration events from a real broker, as any producer would write them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DossierEventsIT {

    private static final String SUBMITTED = "vn.dvk.registration.submitted.v1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "evaluation-it");
    }

    private static KafkaProbe kafka() {
        return new KafkaProbe(TestStack.get().kafkaBootstrapServers());
    }

    private static Map<String, String> headers(String eventId, String type) {
        return KafkaProbe.cloudEvent(eventId, type, "urn:dvk:registration-service");
    }

    @Test
    void shouldOpenAnEvaluationDossierFromTheContractExample() throws Exception {
        String example = Contracts.example(SUBMITTED);
        String registrationId = JSON.readTree(example).get("registrationId").asText();
        kafka().send("registration-events", registrationId, headers(UUID.randomUUID().toString(), SUBMITTED), example);

        JsonNode dossier = awaitDossier(registrationId);
        assertThat(dossier.get("title").asText()).isEqualTo("Nuôi ong lấy mật");
        assertThat(dossier.get("unitCode").asText()).isEqualTo("00004");
        assertThat(dossier.get("status").asText()).isEqualTo("AWAITING_REVIEW");
    }

    @Test
    void shouldDeadLetterAnUnreadableEventKeepConsumingTheRestAndReplayOnRequest() throws Exception {
        String poisonId = "poison-" + UUID.randomUUID();
        kafka().send("registration-events", "r-poison", headers(poisonId, SUBMITTED), "{this is not json");
        String goodRegistration = "019a8c3e-0000-7000-8000-" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L);
        String good = Contracts.example(SUBMITTED).replace("019a8c3e-5f10-7b2a-9c41-3d2e8f6a1b07", goodRegistration);
        kafka().send("registration-events", goodRegistration, headers(UUID.randomUUID().toString(), SUBMITTED), good);

        awaitDossier(goodRegistration);
        JsonNode deadLetter = await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode d : JSON.readTree(get("/api/evaluation/admin/dead-letters").body())) {
                if (poisonId.equals(d.path("eventId").asText())) {
                    return d;
                }
            }
            return null;
        }, d -> d != null);
        assertThat(deadLetter.get("originalTopic").asText()).isEqualTo("registration-events");
        assertThat(deadLetter.get("eventType").asText()).isEqualTo(SUBMITTED);
        assertThat(deadLetter.get("error").asText()).isNotBlank();
        assertThat(deadLetter.get("replayedAt").isNull()).isTrue();
        assertThat(get("/actuator/prometheus").body()).contains("dvk_events_dead_lettered_total");

        HttpResponse<String> replay = http.send(asAdmin("/api/evaluation/admin/dead-letters/"
                        + deadLetter.get("partition").asInt() + "/" + deadLetter.get("offset").asLong() + "/replay")
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(replay.body()).get("replayedAt").isNull()).isFalse();
        // Still unreadable, so it comes back to the dead-letter topic: two entries for the same event.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            int count = 0;
            for (JsonNode d : JSON.readTree(get("/api/evaluation/admin/dead-letters").body())) {
                count += poisonId.equals(d.path("eventId").asText()) ? 1 : 0;
            }
            assertThat(count).isEqualTo(2);
        });
    }

    @Test
    void shouldAnswerAProblemDetailWhenReplayingADeadLetterThatDoesNotExist() throws Exception {
        HttpResponse<String> replay = http.send(asAdmin("/api/evaluation/admin/dead-letters/0/999999/replay")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(replay.body()).get("code").asText()).isEqualTo("dead-letter-not-found");
    }

    private JsonNode awaitDossier(String registrationId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> r = get("/api/evaluation/dossiers/" + registrationId);
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        }, d -> d != null);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(asAdmin(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As the demo administrator of Hà Nội, whose subtree holds the example's unit. */
    private HttpRequest.Builder asAdmin(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + TestStack.token("admin.01"));
    }
}
