package vn.dvk.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dvk.kit.testing.Contracts;
import vn.dvk.kit.testing.KafkaProbe;
import vn.dvk.kit.testing.TestStack;
import vn.dvk.registration.support.RegistrationApi;

/** registration-service against a real Kafka broker and the MongoDB-wire server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistrationSubmissionIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "registration-it");
    }

    private static String campaignId;

    /** One launched campaign of Hà Nội, open today, without quotas, for the tests of this class. */
    private String campaign() throws Exception {
        if (campaignId == null) {
            campaignId = new RegistrationApi(port).launchCampaign("coordinator.01", RegistrationApi.plan("01",
                    "Phong trào thử nghiệm", RegistrationApi.today().minusDays(1), RegistrationApi.today().plusDays(30),
                    "[]"));
        }
        return campaignId;
    }

    @Test
    void shouldStoreASubmittedRegistrationAndPublishACloudEventThatMatchesTheContract() throws Exception {
        HttpResponse<String> created = http.send(request("/api/registration/registrations", "vi")
                .header("Content-Type", "application/json").header("X-Correlation-Id", "yeu-cau-42")
                .POST(HttpRequest.BodyPublishers.ofString(RegistrationApi.form(campaign(), "00004", "Nuôi ong lấy mật",
                        "COLLECTIVE", "ECONOMY")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("X-Correlation-Id")).hasValue("yeu-cau-42");
        JsonNode body = JSON.readTree(created.body());
        String id = body.get("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/registration/registrations/" + id);
        assertThat(body.get("status").asText()).isEqualTo("SUBMITTED");

        KafkaProbe.Received record = new KafkaProbe(TestStack.get().kafkaBootstrapServers())
                .awaitRecord("registration-events", r -> id.equals(r.key()), Duration.ofSeconds(20));
        assertThat(record.headers()).containsEntry("ce_type", "vn.dvk.registration.submitted.v1")
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_source", "urn:dvk:registration-service")
                .containsEntry("ce_subject", id)
                .containsEntry("content-type", "application/json")
                .containsEntry("ce_correlationid", "yeu-cau-42")
                .containsKeys("ce_id", "ce_time");
        assertThat(Contracts.violations("vn.dvk.registration.submitted.v1", record.value())).isEmpty();
        assertThat(JSON.readTree(record.value()).get("title").asText()).isEqualTo("Nuôi ong lấy mật");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                mongo.findById(id, Document.class, "registrations").getList("outbox", Document.class)).isEmpty());
        HttpResponse<String> read = get("/api/registration/registrations/" + id, "vi");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).get("unitCode").asText()).isEqualTo("00004");
    }

    @Test
    void shouldStoreTitlesInNfcWhateverFormTheyWereTypedIn() throws Exception {
        String decomposed = Normalizer.normalize("Dân vận khéo ở phường", Normalizer.Form.NFD);
        HttpResponse<String> created = post(RegistrationApi.form(campaign(), "00004", decomposed, "INDIVIDUAL",
                "POLITICAL_SYSTEM"), "vi");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).get("title").asText()).isEqualTo(
                Normalizer.normalize("Dân vận khéo ở phường", Normalizer.Form.NFC));
    }

    @Test
    void shouldRefuseInvalidInputWithAFieldLevelVietnameseProblemAndStoreNothing() throws Exception {
        long before = mongo.count(new Query(), "registrations");
        HttpResponse<String> refused = post("""
                {"unitCode":"4A","title":"","kind":"COLLECTIVE"}""", "vi");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("title").asText()).isEqualTo("Dữ liệu không hợp lệ");
        assertThat(problem.get("code").asText()).isEqualTo("validation");
        Map<String, String> errors = new java.util.HashMap<>();
        problem.get("errors").forEach(e -> errors.merge(e.get("field").asText(), e.get("message").asText(),
                (a, b) -> a + "; " + b));
        assertThat(errors).containsKeys("unitCode", "title", "field");
        assertThat(errors.get("field")).isEqualTo("bắt buộc phải có");
        assertThat(errors.get("unitCode")).isEqualTo("không đúng định dạng");
        assertThat(mongo.count(new Query(), "registrations")).isEqualTo(before);
    }

    @Test
    void shouldExplainProblemsInEnglishWhenAskedTo() throws Exception {
        HttpResponse<String> missing = get("/api/registration/registrations/does-not-exist", "en");
        assertThat(missing.statusCode()).isEqualTo(404);
        JsonNode problem = JSON.readTree(missing.body());
        assertThat(problem.get("title").asText()).isEqualTo("Registration not found");
        assertThat(problem.get("detail").asText()).contains("does-not-exist");
        assertThat(get("/api/registration/registrations/does-not-exist", "vi").body())
                .contains("Không tìm thấy đăng ký");
    }

    @Test
    void shouldRefuseABodyThatIsNotJsonWithAProblemDetail() throws Exception {
        HttpResponse<String> refused = post("{not json", "vi");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(JSON.readTree(refused.body()).get("title").asText()).isEqualTo("Nội dung yêu cầu không đọc được");
    }

    @Test
    void shouldReportHealthyMongoAndKafkaAndCountPublishedEventsForPrometheus() throws Exception {
        post(RegistrationApi.form(campaign(), "00004", "Camera an ninh khu phố", "COLLECTIVE", "DEFENSE_SECURITY"),
                "vi");
        JsonNode health = JSON.readTree(get("/actuator/health", "vi").body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/mongo/status").asText()).isEqualTo("UP");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get("/actuator/prometheus", "vi").body())
                .containsPattern("dvk_events_published_total\\{application=\"registration-service\","
                        + "type=\"vn.dvk.registration.submitted.v1\"\\} [1-9]"));
    }

    @Test
    void shouldAnswer401WithAProblemDetailWithoutAValidToken() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/registration/registrations?unitCode=00004")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).startsWith("Bearer"));
        assertThat(JSON.readTree(anonymous.body()).get("title").asText()).isEqualTo("Chưa đăng nhập");

        String token = TestStack.token("officer.00004");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/registration/registrations?unitCode=00004"))
                .header("Authorization", "Bearer " + tampered).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).contains("invalid_token"));
    }

    private HttpResponse<String> post(String json, String language) throws Exception {
        return http.send(request("/api/registration/registrations", language)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String language) throws Exception {
        return http.send(request(path, language).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As the demo officer of Phường Ba Đình (00004). */
    private HttpRequest.Builder request(String path, String language) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept-Language", language)
                .header("Authorization", "Bearer " + TestStack.token("officer.00004"));
    }
}
