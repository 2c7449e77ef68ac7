package vn.dvk.evaluation.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

/**
 * Grading of mass-mobilisation work: a ward assesses itself, the province adjusts a score with a reason, awards its
 * part and finalises; a block member is graded too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GradingIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BASE = "/api/evaluation/grading-schemes";
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "evaluation-grading");
    }

    private HttpResponse<String> send(String method, String path, String json, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TestStack.token(user)).header("Accept-Language", "vi")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static String code(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return JSON.readTree(response.body()).path("code").asString();
    }

    private static String scheme(String subject, String thresholds) {
        return """
                {"unitCode":"01","year":2027,"subject":"%s","title":"Xếp loại công tác dân vận năm 2027",
                 "criteria":[{"code":"TC1","title":"Lãnh đạo, chỉ đạo","selfMax":45,"superiorMax":5},
                             {"code":"TC2","title":"Phong trào Dân vận khéo","selfMax":45,"superiorMax":5}],
                 "bonusMax":5,"thresholds":%s,"selfAssessmentDue":"2027-11-30"}""".formatted(subject, thresholds);
    }

    private static final String GRADES = """
            [{"grade":"TOT","label":"Tốt","minPoints":90},{"grade":"KHA","label":"Khá","minPoints":75},
             {"grade":"TRUNG_BINH","label":"Trung bình","minPoints":50},{"grade":"YEU","label":"Yếu","minPoints":0}]""";

    @Test
    void aWardAssessesItselfAndTheProvincesAdjustmentKeptWithItsReasonMovesItsGrade() throws Exception {
        assertThat(code(send("POST", BASE, scheme("UNIT", "[{\"grade\":\"TOT\",\"label\":\"Tốt\",\"minPoints\":90}]"),
                "coordinator.01"))).isEqualTo("grading-threshold-no-floor");
        String scheme = ok(send("POST", BASE, scheme("UNIT", GRADES), "coordinator.01"), 201).get("id").asString();
        String ward = BASE + "/" + scheme + "/gradings/00004";

        assertThat(code(send("PUT", ward + "/self-assessment", "{\"scores\":{\"TC1\":46}}", "officer.00004")))
                .isEqualTo("score-out-of-range");
        ok(send("PUT", ward + "/self-assessment", """
                {"scores":{"TC1":44,"TC2":43},"bonus":0,"note":"Hoàn thành tốt nhiệm vụ",
                 "evidence":[{"title":"Báo cáo công tác dân vận năm 2027","url":"https://vanban.example/bc-2027.pdf"}]}""",
                "officer.00004"), 200);
        assertThat(send("PUT", ward + "/self-assessment", "{\"scores\":{\"TC1\":45}}", "officer.00008")
                .statusCode()).as("the neighbouring ward").isEqualTo(404);
        JsonNode submitted = ok(send("POST", ward + "/self-assessment/submit", null, "officer.00004"), 200);
        assertThat(submitted.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(code(send("PUT", BASE + "/" + scheme, scheme("UNIT", GRADES), "coordinator.01")))
                .isEqualTo("grading-scheme-in-use");

        assertThat(send("POST", ward + "/adjustments", "{\"code\":\"TC2\",\"part\":\"SUPERIOR\",\"score\":5}",
                "coordinator.00004").statusCode()).as("a ward does not award the superior's points").isEqualTo(403);
        assertThat(code(send("POST", ward + "/adjustments", "{\"code\":\"TC1\",\"part\":\"SELF\",\"score\":35}",
                "coordinator.01"))).isEqualTo("grading-adjustment-reason-missing");
        ok(send("POST", ward + "/adjustments", """
                {"code":"TC1","part":"SELF","score":35,"reason":"Chưa có báo cáo sơ kết quý III"}""",
                "coordinator.01"), 200);
        assertThat(code(send("POST", ward + "/finalise", "{}", "coordinator.01")))
                .isEqualTo("grading-superior-missing");
        ok(send("POST", ward + "/adjustments", "{\"code\":\"TC1\",\"part\":\"SUPERIOR\",\"score\":4}",
                "coordinator.01"), 200);
        ok(send("POST", ward + "/adjustments", "{\"code\":\"TC2\",\"part\":\"SUPERIOR\",\"score\":4}",
                "coordinator.01"), 200);
        JsonNode graded = ok(send("POST", ward + "/finalise", "{}", "coordinator.01"), 200);
        assertThat(graded.get("total").decimalValue()).isEqualByComparingTo("86");
        assertThat(graded.get("grade").asString()).as("95 self-assessed would have been TOT").isEqualTo("KHA");
        assertThat(graded.at("/selfScores/TC1").asInt()).as("the unit's own figure is kept").isEqualTo(44);
        JsonNode adjustment = graded.get("adjustments").get(0);
        assertThat(adjustment.get("from").asInt()).isEqualTo(44);
        assertThat(adjustment.get("to").asInt()).isEqualTo(35);
        assertThat(adjustment.get("reason").asString()).isEqualTo("Chưa có báo cáo sơ kết quý III");
        assertThat(code(send("POST", ward + "/adjustments", """
                {"code":"TC2","part":"SELF","score":40,"reason":"Muộn"}""", "coordinator.01")))
                .isEqualTo("grading-wrong-status");

        String gradingId = graded.get("id").asString();
        KafkaProbe kafka = new KafkaProbe(TestStack.get().kafkaBootstrapServers());
        for (String type : java.util.List.of("self-assessment-submitted", "grading-adjusted", "grade-finalised")) {
            KafkaProbe.Received event = kafka.awaitRecord("evaluation-events", r -> gradingId.equals(r.key())
                    && ("vn.dvk.evaluation." + type + ".v1").equals(r.headers().get("ce_type")), Duration.ofSeconds(20));
            assertThat(Contracts.violations("vn.dvk.evaluation." + type + ".v1", event.value())).as(type).isEmpty();
        }
        KafkaProbe.Received saved = kafka.awaitRecord("evaluation-events", r -> scheme.equals(r.key()),
                Duration.ofSeconds(20));
        assertThat(Contracts.violations("vn.dvk.evaluation.grading-scheme-saved.v1", saved.value())).isEmpty();
        assertThat(ok(send("GET", BASE + "/" + scheme + "/gradings", null, "viewer.01"), 200).size()).isEqualTo(1);
        assertThat(ok(send("GET", BASE + "/" + scheme + "/gradings", null, "viewer.00008"), 200).isEmpty())
                .as("the neighbouring ward sees none of it").isTrue();
    }

    @Test
    void theMembersOfABaseBlockAreGradedFromTheBlockAsRegistrationServiceComposedIt() throws Exception {
        String block = Contracts.example("vn.dvk.unit.block-composed.v1");
        String memberId = JSON.readTree(block).at("/members/0/id").asString();
        new KafkaProbe(TestStack.get().kafkaBootstrapServers()).send("unit-events", "block-00004",
                KafkaProbe.cloudEvent(UUID.randomUUID().toString(), "vn.dvk.unit.block-composed.v1",
                        "urn:dvk:registration-service"), block);
        String scheme = ok(send("POST", BASE, scheme("BLOCK_MEMBER", GRADES), "coordinator.01"), 201)
                .get("id").asString();
        String member = BASE + "/" + scheme + "/gradings/block-00004:" + memberId;
        JsonNode draft = await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> r = send("GET", member, null, "officer.00004");
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        }, d -> d != null);
        assertThat(draft.get("subjectName").asString()).startsWith("Trần Văn Hùng");
        assertThat(send("GET", BASE + "/" + scheme + "/gradings/block-00004:unknown", null, "officer.00004")
                .statusCode()).isEqualTo(404);
        ok(send("PUT", member + "/self-assessment", "{\"scores\":{\"TC1\":30,\"TC2\":30}}", "officer.00004"), 200);
        ok(send("POST", member + "/self-assessment/submit", null, "officer.00004"), 200);
        JsonNode graded = ok(send("POST", member + "/finalise",
                "{\"notEligibleReason\":\"Chuyển công tác giữa năm\"}", "coordinator.01"), 200);
        assertThat(graded.get("grade").asString()).isEqualTo("NOT_ELIGIBLE");
        assertThat(graded.get("notEligibleReason").asString()).isEqualTo("Chuyển công tác giữa năm");
    }
}
