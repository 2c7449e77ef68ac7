package vn.dvk.evaluation.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dvk.kit.testing.Contracts;
import vn.dvk.kit.testing.KafkaProbe;
import vn.dvk.kit.testing.TestStack;

/**
 * A review round from the registrations it admits to the outcomes it publishes: rubric, panel, assignments with the
 * conflict rules, blind scorecards, deliberation within the commendation cap, and the decision.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReviewRoundIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String APPROVED = "vn.dvk.registration.approved.v1";
    private static final String BASE = "/api/evaluation";
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "evaluation-rounds");
    }

    private static KafkaProbe kafka() {
        return new KafkaProbe(TestStack.get().kafkaBootstrapServers());
    }

    /** Publishes a registration event as registration-service would, and waits for its dossier. */
    private String registration(String campaignId, String unitCode, String title, String kind, String status)
            throws Exception {
        String id = UUID.randomUUID().toString();
        ObjectNode event = (ObjectNode) JSON.readTree(Contracts.example(APPROVED));
        event.put("registrationId", id).put("campaignId", campaignId).put("unitCode", unitCode).put("title", title)
                .put("kind", kind).put("level", "COMMUNE").put("status", status);
        String type = "vn.dvk.registration." + status.toLowerCase() + ".v1";
        kafka().send("registration-events", id, KafkaProbe.cloudEvent(UUID.randomUUID().toString(), type,
                "urn:dvk:registration-service"), event.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> send("GET", BASE + "/dossiers/" + id, null, "admin.01")
                .statusCode() == 200);
        return id;
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

    private JsonNode model(String round, String registrationId, String user) throws Exception {
        return ok(send("GET", BASE + "/rounds/" + round + "/models/" + registrationId, null, user), 200);
    }

    private static String scores(int each) {
        return """
                {"scores":{"DK":10,"TT1":%d,"TT2":%d,"TT3":%d,"TT4":%d,"TT5":%d},"comment":"Mô hình tốt",
                 "privateNote":"Ghi chú riêng"}""".formatted(each, each, each, each, each);
    }

    @Test
    void aRoundAdmitsApprovedModelsIsScoredBlindDeliberatedWithinItsCapAndPublishesItsOutcomes() throws Exception {
        String campaign = UUID.randomUUID().toString();
        String bees = registration(campaign, "00004", "Nuôi ong lấy mật", "COLLECTIVE", "APPROVED");
        String flowers = registration(campaign, "00008", "Đường hoa tự quản", "COLLECTIVE", "APPROVED");
        String elder = registration(campaign, "00004", "Người cao tuổi gương mẫu", "INDIVIDUAL", "APPROVED");
        registration(campaign, "00008", "Chưa được duyệt", "COLLECTIVE", "SUBMITTED");

        String collective = ok(send("POST", BASE + "/criteria-sets", """
                {"campaignId":"%s","unitCode":"01","kind":"COLLECTIVE"}""".formatted(campaign), "coordinator.01"),
                201).get("id").asString();
        JsonNode individualSet = ok(send("POST", BASE + "/criteria-sets", """
                {"campaignId":"%s","unitCode":"01","kind":"INDIVIDUAL"}""".formatted(campaign), "coordinator.01"),
                201);
        assertThat(individualSet.get("criteria").size()).as("the default individual rubric").isEqualTo(6);
        String individual = individualSet.get("id").asString();

        LocalDate today = LocalDate.now();
        String round = ok(send("POST", BASE + "/rounds", """
                {"campaignId":"%s","unitCode":"01","level":"COMMUNE","title":"Chấm mô hình cấp xã",
                 "opens":"%s","closes":"%s","criteriaSets":{"COLLECTIVE":"%s","INDIVIDUAL":"%s"},"minReviews":2,
                 "commendationCap":1}""".formatted(campaign, today, today.plusDays(30), collective, individual),
                "coordinator.01"), 201).get("id").asString();
        assertThat(code(send("POST", BASE + "/rounds/" + round + "/open", null, "coordinator.01")))
                .as("no panel yet").isEqualTo("round-panel-too-small");
        ok(send("PUT", BASE + "/rounds/" + round + "/panel", """
                {"members":[{"username":"reviewer.01","unitCode":"01","name":"Ủy viên tỉnh"},
                 {"username":"reviewer.00004","unitCode":"00004","name":"Ủy viên Ba Đình"},
                 {"username":"reviewer.00008","unitCode":"00008","name":"Ủy viên Ngọc Hà"}]}""", "coordinator.01"),
                200);
        JsonNode opened = ok(send("POST", BASE + "/rounds/" + round + "/open", null, "coordinator.01"), 200);
        assertThat(opened.get("models").asInt()).as("approved models only").isEqualTo(3);
        assertThat(code(send("PUT", BASE + "/criteria-sets/" + collective, """
                {"campaignId":"%s","unitCode":"01","kind":"COLLECTIVE","title":"Đổi"}""".formatted(campaign),
                "coordinator.01"))).isEqualTo("criteria-set-in-use");

        JsonNode byHand = ok(send("POST", BASE + "/rounds/" + round + "/assignments", """
                {"reviewers":["reviewer.00004"],"registrationIds":["%s"]}""".formatted(bees), "coordinator.01"), 200);
        assertThat(byHand.get("assigned").asInt()).isZero();
        assertThat(byHand.at("/skipped/0/reason").asString()).isEqualTo("assignment-own-unit");
        ok(send("POST", BASE + "/rounds/" + round + "/models/" + elder + "/conflicts",
                "{\"reason\":\"Người thân trong gia đình\"}", "reviewer.00008"), 200);
        JsonNode auto = ok(send("POST", BASE + "/rounds/" + round + "/assignments/auto", null, "coordinator.01"),
                200);
        assertThat(auto.get("assigned").asInt()).isEqualTo(5);
        assertThat(auto.at("/skipped/0/registrationId").asString())
                .as("the elder's own ward and a declared conflict leave one reviewer").isEqualTo(elder);
        assertThat(reviewers(round, bees)).containsExactlyInAnyOrder("reviewer.01", "reviewer.00008");
        assertThat(reviewers(round, flowers)).containsExactlyInAnyOrder("reviewer.01", "reviewer.00004");
        assertThat(reviewers(round, elder)).containsExactly("reviewer.01");

        String scorecard = BASE + "/rounds/" + round + "/models/" + bees + "/scorecard";
        assertThat(code(send("PUT", scorecard, "{\"scores\":{\"TT1\":11}}", "reviewer.01")))
                .isEqualTo("score-out-of-range");
        ok(send("PUT", scorecard, "{\"scores\":{\"TT1\":9}}", "reviewer.01"), 200);
        assertThat(code(send("POST", scorecard + "/submit", null, "reviewer.01")))
                .isEqualTo("score-required-missing");
        ok(send("PUT", scorecard, scores(9), "reviewer.01"), 200);
        JsonNode first = ok(send("POST", scorecard + "/submit", null, "reviewer.01"), 200);
        assertThat(first.at("/scorecards/0/total").decimalValue()).isEqualByComparingTo("90");
        assertThat(code(send("PUT", BASE + "/rounds/" + round + "/models/" + bees + "/scorecard", scores(5),
                "reviewer.00004"))).as("not assigned to a model of their own ward").isEqualTo("scorecard-not-assigned");

        JsonNode blind = model(round, bees, "reviewer.00008");
        assertThat(blind.get("scorecards").isEmpty()).as("blind until their own is in").isTrue();
        assertThat(blind.get("mean").isNull()).isTrue();
        ok(send("PUT", scorecard, scores(4), "reviewer.00008"), 200);
        ok(send("POST", scorecard + "/submit", null, "reviewer.00008"), 200);
        JsonNode seen = model(round, bees, "reviewer.00008");
        assertThat(seen.get("scorecards").size()).isEqualTo(2);
        assertThat(seen.get("mean").decimalValue()).isEqualByComparingTo("65");
        assertThat(seen.get("disagreement").asBoolean()).as("90 and 40").isTrue();
        assertThat(seen.get("scorecards").valueStream().filter(c -> c.get("reviewer").asString()
                .equals("reviewer.01")).findFirst().orElseThrow().get("privateNote").isNull())
                .as("another reviewer's private note").isTrue();
        assertThat(model(round, bees, "coordinator.01").get("rank").asInt()).isEqualTo(1);
        JsonNode progress = ok(send("GET", BASE + "/rounds/" + round + "/progress", null, "coordinator.01"), 200);
        assertThat(progress.valueStream().filter(p -> p.get("reviewer").asString().equals("reviewer.01"))
                .findFirst().orElseThrow().get("done").asInt()).isEqualTo(1);
        assertThat(ok(send("GET", BASE + "/rounds/" + round + "/models?notYetReviewed=true", null,
                "coordinator.01"), 200).valueStream().map(m -> m.get("registrationId").asString()).toList())
                .containsExactlyInAnyOrder(flowers, elder);

        String deliberation = BASE + "/rounds/" + round + "/models/%s/deliberation";
        ok(send("PUT", deliberation.formatted(bees), """
                {"votesFor":7,"votesAgainst":1,"votesAbstained":1,"tier":"PROPOSED_FOR_COMMENDATION",
                 "commendation":{"kind":"BANG_KHEN","body":"Ban Dân vận Thành ủy"}}""", "coordinator.01"), 200);
        assertThat(code(send("PUT", deliberation.formatted(flowers), """
                {"votesFor":6,"votesAgainst":3,"votesAbstained":0,"tier":"PROPOSED_FOR_COMMENDATION",
                 "commendation":{"kind":"GIAY_KHEN"}}""", "coordinator.01")))
                .as("the round proposes one model at most").isEqualTo("deliberation-commendations-full");
        ok(send("PUT", deliberation.formatted(flowers), """
                {"votesFor":6,"votesAgainst":3,"votesAbstained":0,"tier":"RECOGNISED"}""", "coordinator.01"), 200);
        assertThat(send("PUT", deliberation.formatted(flowers), """
                {"votesFor":6,"votesAgainst":3,"votesAbstained":0,"tier":"RECOGNISED"}""", "reviewer.01")
                .statusCode()).isEqualTo(403);

        String province = ok(send("POST", BASE + "/rounds", """
                {"campaignId":"%s","unitCode":"01","level":"PROVINCE","title":"Chấm mô hình cấp tỉnh",
                 "opens":"%s","closes":"%s","criteriaSets":{"COLLECTIVE":"%s","INDIVIDUAL":"%s"},"minReviews":1}"""
                .formatted(campaign, today, today.plusDays(30), collective, individual), "coordinator.01"), 201)
                .get("id").asString();
        ok(send("PUT", BASE + "/rounds/" + province + "/panel",
                "{\"members\":[{\"username\":\"reviewer.01\",\"unitCode\":\"01\"}]}", "coordinator.01"), 200);
        assertThat(ok(send("POST", BASE + "/rounds/" + province + "/open", null, "coordinator.01"), 200)
                .get("models").asInt()).as("no province-level model yet").isZero();
        ok(send("PUT", deliberation.formatted(elder), """
                {"votesFor":9,"votesAgainst":0,"votesAbstained":0,"tier":"EXEMPLARY","sendUp":true}""",
                "coordinator.01"), 200);

        String decision = """
                {"number":"125/QĐ-BCĐ","date":"%s","signer":"Trưởng ban","issuingBody":"Ban Chỉ đạo tỉnh"}"""
                .formatted(today);
        JsonNode decided = ok(send("POST", BASE + "/rounds/" + round + "/decisions", decision, "coordinator.01"),
                201);
        assertThat(decided.at("/decisions/0/outcomes").asInt()).isEqualTo(3);
        JsonNode sentUp = model(province, elder, "coordinator.01");
        assertThat(sentUp.get("sentUpFrom").asString()).as("the exemplary model goes on to the province's round")
                .isEqualTo(round);
        assertThat(ok(send("GET", BASE + "/rounds/" + province, null, "coordinator.01"), 200).get("models").asInt())
                .isEqualTo(1);
        assertThat(ok(send("POST", BASE + "/rounds/" + round + "/close", null, "coordinator.01"), 200)
                .get("status").asString()).isEqualTo("CLOSED");
        assertThat(code(send("PUT", scorecard, scores(5), "reviewer.01"))).as("no scoring once closed")
                .isEqualTo("round-wrong-status");
        assertThat(code(send("POST", BASE + "/rounds/" + round + "/decisions", decision, "coordinator.01")))
                .isEqualTo("decision-number-used");
        assertThat(code(send("PUT", deliberation.formatted(bees), """
                {"votesFor":1,"votesAgainst":8,"votesAbstained":0,"tier":"NOT_RECOGNISED"}""", "coordinator.01")))
                .isEqualTo("deliberation-already-issued");

        KafkaProbe.Received outcome = kafka().awaitRecord("evaluation-events", r -> bees.equals(r.key())
                && "vn.dvk.evaluation.outcome-issued.v1".equals(r.headers().get("ce_type")), Duration.ofSeconds(20));
        assertThat(Contracts.violations("vn.dvk.evaluation.outcome-issued.v1", outcome.value())).isEmpty();
        JsonNode issued = JSON.readTree(outcome.value());
        assertThat(issued.get("tier").asString()).isEqualTo("PROPOSED_FOR_COMMENDATION");
        assertThat(issued.at("/decision/number").asString()).isEqualTo("125/QĐ-BCĐ");
        for (String type : List.of("round-opened", "decision-issued", "round-closed")) {
            KafkaProbe.Received event = kafka().awaitRecord("evaluation-events", r -> round.equals(r.key())
                    && ("vn.dvk.evaluation." + type + ".v1").equals(r.headers().get("ce_type")), Duration.ofSeconds(20));
            assertThat(Contracts.violations("vn.dvk.evaluation." + type + ".v1", event.value())).as(type).isEmpty();
        }
        for (String type : List.of("reviewer-assigned", "scorecard-submitted", "deliberated")) {
            KafkaProbe.Received event = kafka().awaitRecord("evaluation-events", r -> bees.equals(r.key())
                    && ("vn.dvk.evaluation." + type + ".v1").equals(r.headers().get("ce_type")), Duration.ofSeconds(20));
            assertThat(Contracts.violations("vn.dvk.evaluation." + type + ".v1", event.value())).as(type).isEmpty();
        }
        KafkaProbe.Received conflict = kafka().awaitRecord("evaluation-events", r -> elder.equals(r.key())
                && "vn.dvk.evaluation.conflict-declared.v1".equals(r.headers().get("ce_type")), Duration.ofSeconds(20));
        assertThat(Contracts.violations("vn.dvk.evaluation.conflict-declared.v1", conflict.value())).isEmpty();
        assertThat(JSON.readTree(conflict.value()).get("reviewer").asString()).isEqualTo("reviewer.00008");
        assertThat(JSON.readTree(conflict.value()).get("wasAssigned").asBoolean()).as("declared before assignment")
                .isFalse();
        assertThat(conflict.value()).as("the reason stays in the service").doesNotContain("Người thân");
        KafkaProbe.Received rubric = kafka().awaitRecord("evaluation-events", r -> collective.equals(r.key()),
                Duration.ofSeconds(20));
        assertThat(Contracts.violations("vn.dvk.evaluation.criteria-set-saved.v1", rubric.value())).isEmpty();
    }

    @Test
    void onlyTheRoundsUnitSeesAndRunsIt() throws Exception {
        String campaign = UUID.randomUUID().toString();
        String set = ok(send("POST", BASE + "/criteria-sets", """
                {"campaignId":"%s","unitCode":"00004","kind":"COLLECTIVE"}""".formatted(campaign),
                "coordinator.00004"), 201).get("id").asString();
        LocalDate today = LocalDate.now();
        String form = """
                {"campaignId":"%s","unitCode":"%s","level":"COMMUNE","title":"Chấm mô hình phường",
                 "opens":"%s","closes":"%s","criteriaSets":{"COLLECTIVE":"%s"},"minReviews":1}""";
        assertThat(send("POST", BASE + "/rounds", form.formatted(campaign, "00008", today, today, set),
                "coordinator.00004").statusCode()).as("another ward's round").isEqualTo(403);
        String round = ok(send("POST", BASE + "/rounds", form.formatted(campaign, "00004", today, today, set),
                "coordinator.00004"), 201).get("id").asString();
        assertThat(send("GET", BASE + "/rounds/" + round, null, "coordinator.00008").statusCode()).isEqualTo(404);
        assertThat(send("GET", BASE + "/rounds/" + round, null, "viewer.01").statusCode()).isEqualTo(200);
        assertThat(code(send("POST", BASE + "/rounds", form.formatted(campaign, "00004", today, today.minusDays(1),
                set), "coordinator.00004"))).isEqualTo("round-dates-reversed");
    }

    private List<String> reviewers(String round, String registrationId) throws Exception {
        return model(round, registrationId, "coordinator.01").get("assignments").valueStream()
                .map(a -> a.get("reviewer").asString()).toList();
    }
}
