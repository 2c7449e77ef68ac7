package vn.dvk.evaluation.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dvk.kit.testing.AccessMatrix;
import vn.dvk.kit.testing.Contracts;
import vn.dvk.kit.testing.KafkaProbe;
import vn.dvk.kit.testing.TestStack;

/**
 * What the access matrix cannot see, since its fixtures are new objects: a write that names an EXISTING object of
 * another unit in its body — a rubric by id in a round's plan, people of another unit on a panel, registration ids in
 * assignments, deliberations and decisions, a subject key in a grading. Phường Ngọc Hà (00008,
 * {@link AccessMatrix#SIBLING_UNIT}) tries each against what Phường Ba Đình (00004, {@link AccessMatrix#OWN_UNIT})
 * holds: it is refused as for a missing object or a unit outside its scope, nothing tells it what Ba Đình holds, and
 * Ba Đình's object reads back exactly as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrossUnitWritesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BASE = "/api/evaluation";
    private static final String OWN = AccessMatrix.OWN_UNIT;
    private static final String SIBLING = AccessMatrix.SIBLING_UNIT;
    private static final String APPROVED = "vn.dvk.registration.approved.v1";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SECRET_RUBRIC = "Bộ tiêu chí riêng của Ba Đình " + RUN;
    private static final String SECRET_MODEL = "Mô hình riêng của Ba Đình " + RUN;

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "evaluation-cross-unit");
    }

    @Test
    void aSiblingsRoundNeitherUsesNorFixesAnotherWardsRubric() throws Exception {
        String campaign = UUID.randomUUID().toString();
        String theirs = rubric(campaign, OWN, SECRET_RUBRIC);
        String before = get("/criteria-sets/" + theirs, "coordinator." + OWN);
        String unknown = UUID.randomUUID().toString();

        HttpResponse<String> named = send("POST", "/rounds", round(campaign, SIBLING, theirs), "coordinator." + SIBLING);
        HttpResponse<String> missing = send("POST", "/rounds", round(campaign, SIBLING, unknown),
                "coordinator." + SIBLING);
        assertProblem(named, 422, "criteria-set-not-found");
        assertThat(answer(named).replace(theirs, unknown)).as("exactly as a rubric that does not exist")
                .isEqualTo(answer(missing));
        assertThat(named.body()).doesNotContain(SECRET_RUBRIC);

        String own = rubric(campaign, SIBLING, "Bộ tiêu chí của Ngọc Hà " + RUN);
        String round = created(send("POST", "/rounds", round(campaign, SIBLING, own), "coordinator." + SIBLING));
        String roundBefore = get("/rounds/" + round, "coordinator." + SIBLING);
        HttpResponse<String> revised = send("PUT", "/rounds/" + round, round(campaign, SIBLING, theirs),
                "coordinator." + SIBLING);
        assertProblem(revised, 422, "criteria-set-not-found");
        assertThat(revised.body()).doesNotContain(SECRET_RUBRIC);
        assertThat(get("/rounds/" + round, "coordinator." + SIBLING)).isEqualTo(roundBefore);
        seat(round, "reviewer.01", "01", "coordinator." + SIBLING);
        assertThat(send("POST", "/rounds/" + round + "/open", null, "coordinator." + SIBLING).statusCode())
                .isEqualTo(200);

        assertProblem(send("PUT", "/criteria-sets/" + theirs, """
                {"campaignId":"%s","unitCode":"%s","kind":"COLLECTIVE","title":"Đổi tên"}""".formatted(campaign,
                SIBLING), "coordinator." + SIBLING), 404, "criteria-set-not-found");
        assertThat(get("/criteria-sets/" + theirs, "coordinator." + OWN))
                .as("Ba Đình's rubric as it was, still open to revision").isEqualTo(before);
        assertThat(send("PUT", "/criteria-sets/" + theirs, """
                {"campaignId":"%s","unitCode":"%s","kind":"COLLECTIVE","title":"%s"}""".formatted(campaign, OWN,
                SECRET_RUBRIC), "coordinator." + OWN).statusCode()).isEqualTo(200);
    }

    @Test
    void aSiblingSeatsNoneOfAnotherWardsPeopleAndTouchesNoneOfItsPanels() throws Exception {
        String campaign = UUID.randomUUID().toString();
        String own = created(send("POST", "/rounds", round(campaign, SIBLING, rubric(campaign, SIBLING, "Ngọc Hà " + RUN)),
                "coordinator." + SIBLING));
        HttpResponse<String> seated = send("PUT", "/rounds/" + own + "/panel", panel("reviewer.01", "01",
                "reviewer." + OWN, OWN), "coordinator." + SIBLING);
        assertProblem(seated, 403, "unit-outside-scope");
        assertThat(JSON.readTree(get("/rounds/" + own, "coordinator." + SIBLING)).get("panel").isEmpty()).isTrue();
        assertThat(seat(own, "reviewer.01", "01", "coordinator." + SIBLING).get("panel").size())
                .as("the province's steering committee, above the ward").isEqualTo(1);

        String theirs = created(send("POST", "/rounds", round(campaign, OWN, rubric(campaign, OWN, SECRET_RUBRIC)),
                "coordinator." + OWN));
        seat(theirs, "reviewer.01", "01", "coordinator." + OWN);
        String before = get("/rounds/" + theirs, "coordinator." + OWN);
        assertProblem(send("PUT", "/rounds/" + theirs + "/panel", panel("reviewer." + SIBLING, SIBLING),
                "coordinator." + SIBLING), 404, "round-not-found");
        assertThat(get("/rounds/" + theirs, "coordinator." + OWN)).isEqualTo(before);

        // The province may seat Ngọc Hà's reviewer on Ba Đình's round; Ba Đình keeps them when it re-seats its panel,
        // but cannot bring them back once dropped.
        seat(theirs, "reviewer.01", "01", "coordinator.01", "reviewer." + SIBLING, SIBLING);
        assertThat(send("PUT", "/rounds/" + theirs + "/panel", panel("reviewer.01", "01", "reviewer." + SIBLING,
                SIBLING, "reviewer." + OWN, OWN), "coordinator." + OWN).statusCode()).isEqualTo(200);
        seat(theirs, "reviewer.01", "01", "coordinator." + OWN);
        assertProblem(send("PUT", "/rounds/" + theirs + "/panel", panel("reviewer.01", "01", "reviewer." + SIBLING,
                SIBLING), "coordinator." + OWN), 403, "unit-outside-scope");
    }

    @Test
    void assignmentsDeliberationsAndDecisionsOfASiblingReachNoModelOfAnotherWard() throws Exception {
        String campaign = UUID.randomUUID().toString();
        String registration = approvedModel(campaign);
        String theirs = created(send("POST", "/rounds", round(campaign, OWN, rubric(campaign, OWN, SECRET_RUBRIC)),
                "coordinator." + OWN));
        seat(theirs, "reviewer.01", "01", "coordinator." + OWN);
        assertThat(JSON.readTree(send("POST", "/rounds/" + theirs + "/open", null, "coordinator." + OWN).body())
                .get("models").asInt()).isEqualTo(1);
        String own = created(send("POST", "/rounds", round(campaign, SIBLING, rubric(campaign, SIBLING, "Ngọc Hà " + RUN)),
                "coordinator." + SIBLING));
        seat(own, "reviewer.01", "01", "coordinator." + SIBLING);
        assertThat(JSON.readTree(send("POST", "/rounds/" + own + "/open", null, "coordinator." + SIBLING).body())
                .get("models").asInt()).as("none of Ba Đình's models").isZero();
        String model = "/rounds/" + theirs + "/models/" + registration;
        String roundBefore = get("/rounds/" + theirs, "coordinator." + OWN);
        String modelBefore = get(model, "coordinator." + OWN);
        String sibling = "coordinator." + SIBLING;
        String deliberation = """
                {"votesFor":5,"votesAgainst":0,"votesAbstained":0,"tier":"COMMENDED",
                 "commendation":{"kind":"BANG_KHEN"}}""";
        String decision = "{\"number\":\"" + RUN + "/QĐ\",\"date\":\"" + LocalDate.now() + "\"}";

        // Ba Đình's registration named in Ngọc Hà's own round: its models are Ngọc Hà's only.
        HttpResponse<String> assigned = send("POST", "/rounds/" + own + "/assignments",
                "{\"reviewers\":[\"reviewer.01\"],\"registrationIds\":[\"" + registration + "\"]}", sibling);
        assertProblem(assigned, 422, "assignment-no-models");
        assertProblem(send("PUT", "/rounds/" + own + "/models/" + registration + "/deliberation", deliberation,
                sibling), 404, "round-model-not-found");
        assertProblem(send("POST", "/rounds/" + own + "/decisions", decision, sibling), 422,
                "decision-nothing-pending");
        // Ba Đình's round itself answers as missing.
        assertProblem(send("POST", "/rounds/" + theirs + "/assignments",
                "{\"reviewers\":[\"reviewer.01\"],\"registrationIds\":[\"" + registration + "\"]}", sibling), 404,
                "round-not-found");
        assertProblem(send("POST", "/rounds/" + theirs + "/assignments/auto", null, sibling), 404, "round-not-found");
        assertProblem(send("PUT", model + "/deliberation", deliberation, sibling), 404, "round-not-found");
        assertProblem(send("POST", "/rounds/" + theirs + "/decisions", decision, sibling), 404, "round-not-found");
        assertProblem(send("PUT", "/rounds/" + theirs + "/panel", panel("reviewer." + SIBLING, SIBLING), sibling),
                404, "round-not-found");

        assertThat(get("/rounds/" + theirs, "coordinator." + OWN)).isEqualTo(roundBefore);
        assertThat(get(model, "coordinator." + OWN)).as("Ba Đình's model as it was").isEqualTo(modelBefore);
    }

    @Test
    void aSiblingGradesNeitherAnotherWardNorWithItsScheme() throws Exception {
        String scheme = created(send("POST", "/grading-schemes", gradingScheme("01"), "coordinator.01"));
        String ward = "/grading-schemes/" + scheme + "/gradings/" + OWN;
        assertThat(send("PUT", ward + "/self-assessment", "{\"scores\":{\"TC1\":40,\"TC2\":41},\"note\":\"" + RUN
                + "\"}", "officer." + OWN).statusCode()).isEqualTo(200);
        String before = get(ward, "officer." + OWN);

        assertProblem(send("PUT", ward + "/self-assessment", "{\"scores\":{\"TC1\":1,\"TC2\":1}}",
                "officer." + SIBLING), 404, "grading-subject-not-found");
        assertProblem(send("POST", ward + "/self-assessment/submit", null, "coordinator." + SIBLING), 404,
                "grading-subject-not-found");
        HttpResponse<String> adjusted = send("POST", ward + "/adjustments",
                "{\"code\":\"TC1\",\"part\":\"SUPERIOR\",\"score\":5}", "coordinator." + SIBLING);
        assertThat(adjusted.statusCode()).as(adjusted.body()).isIn(403, 404);
        assertThat(adjusted.body()).doesNotContain(RUN);
        assertThat(get(ward, "officer." + OWN)).as("Ba Đình's self-assessment as it was").isEqualTo(before);

        String theirs = created(send("POST", "/grading-schemes", gradingScheme(OWN), "coordinator." + OWN));
        String schemeBefore = get("/grading-schemes/" + theirs, "coordinator." + OWN);
        assertProblem(send("PUT", "/grading-schemes/" + theirs, gradingScheme(SIBLING), "coordinator." + SIBLING), 404,
                "grading-scheme-not-found");
        assertThat(get("/grading-schemes/" + theirs, "coordinator." + OWN)).isEqualTo(schemeBefore);
    }

    /** A registration of Ba Đình approved in the campaign, as evaluation-service learns it; answers its id. */
    private String approvedModel(String campaign) throws Exception {
        String registration = UUID.randomUUID().toString();
        String event = Contracts.example(APPROVED).replace("019a8c3e-5f10-7b2a-9c41-3d2e8f6a1b07", registration)
                .replace("019a8c3e-1111-7b2a-9c41-3d2e8f6a1b07", campaign).replace("Nuôi ong lấy mật", SECRET_MODEL);
        assertThat(JSON.readTree(event).get("unitCode").asString()).isEqualTo(OWN);
        new KafkaProbe(TestStack.get().kafkaBootstrapServers()).send("registration-events", registration,
                Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", APPROVED, "ce_source",
                        "urn:dvk:registration-service", "ce_specversion", "1.0"), event);
        await().atMost(Duration.ofSeconds(30)).until(() -> send("GET", "/dossiers/" + registration, null,
                "coordinator." + OWN).statusCode() == 200);
        return registration;
    }

    private String rubric(String campaign, String unit, String title) throws Exception {
        return created(send("POST", "/criteria-sets", """
                {"campaignId":"%s","unitCode":"%s","kind":"COLLECTIVE","title":"%s"}""".formatted(campaign, unit,
                title), "coordinator." + unit));
    }

    private static String round(String campaign, String unit, String rubric) {
        LocalDate today = LocalDate.now();
        return """
                {"campaignId":"%s","unitCode":"%s","level":"COMMUNE","title":"Bình xét mô hình %s",
                 "opens":"%s","closes":"%s","criteriaSets":{"COLLECTIVE":"%s"},"minReviews":1}"""
                .formatted(campaign, unit, RUN, today, today.plusDays(10), rubric);
    }

    /** A panel of (username, unit) pairs. */
    private static String panel(String... members) {
        StringBuilder json = new StringBuilder("{\"members\":[");
        for (int i = 0; i < members.length; i += 2) {
            json.append(i == 0 ? "" : ",").append("{\"username\":\"").append(members[i]).append("\",\"unitCode\":\"")
                    .append(members[i + 1]).append("\"}");
        }
        return json.append("]}").toString();
    }

    private JsonNode seat(String round, String username, String unit, String coordinator, String... more)
            throws Exception {
        String[] members = new String[2 + more.length];
        members[0] = username;
        members[1] = unit;
        System.arraycopy(more, 0, members, 2, more.length);
        HttpResponse<String> seated = send("PUT", "/rounds/" + round + "/panel", panel(members), coordinator);
        assertThat(seated.statusCode()).as(seated.body()).isEqualTo(200);
        return JSON.readTree(seated.body());
    }

    private static String gradingScheme(String unitCode) {
        return """
                {"unitCode":"%s","year":2027,"subject":"UNIT","title":"Xếp loại công tác dân vận %s",
                 "criteria":[{"code":"TC1","title":"Lãnh đạo","selfMax":45,"superiorMax":5},
                             {"code":"TC2","title":"Phong trào","selfMax":45,"superiorMax":5}],
                 "thresholds":[{"grade":"TOT","label":"Tốt","minPoints":90},{"grade":"YEU","label":"Yếu","minPoints":0}]}"""
                .formatted(unitCode, RUN);
    }

    private String get(String path, String user) throws Exception {
        HttpResponse<String> found = send("GET", path, null, user);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return found.body();
    }

    private HttpResponse<String> send(String method, String path, String json, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + BASE + path))
                .header("Authorization", "Bearer " + TestStack.token(user)).header("Accept-Language", "vi")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo(code);
        assertThat(response.body()).doesNotContain(SECRET_RUBRIC, SECRET_MODEL);
    }

    /** What a problem answer says: status, code, title and detail. */
    private static String answer(HttpResponse<String> response) {
        JsonNode problem = JSON.readTree(response.body());
        return response.statusCode() + " " + problem.get("code").asString() + " " + problem.get("title").asString()
                + " " + problem.get("detail").asString();
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asString();
    }
}
