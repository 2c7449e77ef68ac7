package vn.dvk.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dvk.kit.testing.TestStack;

/**
 * Hostile request bodies — absurd numbers and dates, {@code null} inside lists and maps, links that are not web
 * addresses, unit codes not in the catalog — are refused with a problem detail (400 with the field, or 422
 * {@code unit-unknown}) before anything is stored, and never reach the totals' arithmetic or the database as a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileInputIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BASE = "/api/evaluation";
    private static final String FAR_FUTURE = "+999999999-12-31";
    private static final String HUGE = "1e100000";
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "evaluation-hostile");
    }

    private HttpResponse<String> send(String method, String path, String json, String user) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + BASE + path))
                .header("Authorization", "Bearer " + TestStack.token(user)).header("Accept-Language", "vi")
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A 400 naming {@code field} among its field errors, explained in Vietnamese: by these caps, or by the platform's
     * check of every body before it binds (which names a map's key as {@code scores.TC1}).
     */
    private static void refusedAt(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("code").asString()).as(response.body()).isEqualTo("validation");
        assertThat(body.path("errors").valueStream().filter(e -> same(e.path("field").asString(), field))
                .map(e -> e.path("message").asString()).toList()).as(response.body()).isNotEmpty()
                .allMatch(message -> !message.isBlank());
    }

    private static boolean same(String path, String field) {
        return path.replaceAll("\\[([^]]*)]", ".$1").equals(field.replaceAll("\\[([^]]*)]", ".$1"));
    }

    private static void unknownUnit(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).path("code").asString()).isEqualTo("unit-unknown");
    }

    private static String scheme(String title, String criteria, String extra) {
        return """
                {"unitCode":"01","year":2027,"subject":"UNIT","title":"%s","criteria":%s,
                 "thresholds":[{"grade":"TOT","label":"Tốt","minPoints":90},
                               {"grade":"YEU","label":"Yếu","minPoints":0}]%s}""".formatted(title, criteria, extra);
    }

    private static final String CRITERIA =
            "[{\"code\":\"TC1\",\"title\":\"Lãnh đạo\",\"selfMax\":45,\"superiorMax\":5}]";

    @Test
    void hostileGradingSchemesAndSelfAssessmentsAreRefusedAndNothingIsStored() throws Exception {
        String title = "Xếp loại thù địch năm 2027";
        refusedAt(send("POST", "/grading-schemes", scheme(title, CRITERIA, ",\"bonusMax\":" + HUGE),
                "coordinator.01"), "bonusMax");
        refusedAt(send("POST", "/grading-schemes", scheme(title, "[null]", ""), "coordinator.01"), "criteria[0]");
        refusedAt(send("POST", "/grading-schemes", scheme(title, CRITERIA, "").replaceFirst("\\[\\{\"grade\"",
                "[null,{\"grade\""), "coordinator.01"), "thresholds[0]");
        refusedAt(send("POST", "/grading-schemes", scheme(title, CRITERIA.replace("45", "1e-100000"), ""),
                "coordinator.01"), "criteria[0].selfMax");
        refusedAt(send("POST", "/grading-schemes", scheme(title, CRITERIA, ",\"selfAssessmentDue\":\""
                + FAR_FUTURE + "\""), "coordinator.01"), "selfAssessmentDue");
        unknownUnit(send("POST", "/grading-schemes", scheme(title, CRITERIA, "").replace("\"01\"", "\"99\""),
                "coordinator.01"));
        assertThat(mongo.count(new Query(Criteria.where("title").is(title)), "grading_schemes")).isZero();

        HttpResponse<String> created = send("POST", "/grading-schemes", scheme("Xếp loại năm 2027", CRITERIA, ""),
                "coordinator.01");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String scheme = JSON.readTree(created.body()).get("id").asString();
        String self = "/grading-schemes/" + scheme + "/gradings/00004/self-assessment";
        refusedAt(send("PUT", self, "{\"scores\":{\"TC1\":40},\"evidence\":[null]}", "officer.00004"), "evidence[0]");
        refusedAt(send("PUT", self, """
                {"scores":{"TC1":40},"evidence":[{"title":"Báo cáo","url":"javascript:alert(document.cookie)"}]}""",
                "officer.00004"), "evidence[0].url");
        String tooLong = "{\"scores\":{\"TC1\":40},\"evidence\":[{\"title\":\"%s\","
                + "\"url\":\"https://vanban.example/%s\"}]}";
        refusedAt(send("PUT", self, tooLong.formatted("x".repeat(301), "a".repeat(Limits.URL)), "officer.00004"),
                "evidence[0].title");
        refusedAt(send("PUT", self, tooLong.formatted("x".repeat(301), "a".repeat(Limits.URL)), "officer.00004"),
                "evidence[0].url");
        // What the outside tester sent; the platform's cap on any one string may answer it before these caps do.
        HttpResponse<String> huge = send("PUT", self, tooLong.formatted("x".repeat(300_000), "a".repeat(300_000)),
                "officer.00004");
        assertThat(huge.statusCode()).as(huge.body()).isEqualTo(400);
        assertThat(huge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        refusedAt(send("PUT", self, "{\"scores\":{\"TC1\":" + HUGE + "}}", "officer.00004"), "scores[TC1]");
        refusedAt(send("PUT", self, "{\"scores\":{\"TC1\":null}}", "officer.00004"), "scores[TC1]");
        refusedAt(send("PUT", self, "{\"scores\":{\"TC1\":40},\"bonus\":" + HUGE + "}", "officer.00004"), "bonus");
        assertThat(mongo.count(new Query(Criteria.where("schemeId").is(scheme)), "gradings")).isZero();
    }

    @Test
    void hostileRubricsAndRoundsAreRefusedAndNothingIsStored() throws Exception {
        String campaign = UUID.randomUUID().toString();
        String rubric = """
                {"campaignId":"%s","unitCode":"01","kind":"COLLECTIVE","criteria":%s}""";
        String criterion = "{\"code\":\"TT1\",\"titleVi\":\"Sáng tạo\",\"weight\":%s,\"maxScore\":%s,"
                + "\"required\":true,\"independent\":false}";
        refusedAt(send("POST", "/criteria-sets", rubric.formatted(campaign, "[null]"), "coordinator.01"),
                "criteria[0]");
        refusedAt(send("POST", "/criteria-sets", rubric.formatted(campaign, "[" + criterion.formatted(HUGE, "10")
                + "]"), "coordinator.01"), "criteria[0].weight");
        refusedAt(send("POST", "/criteria-sets", rubric.formatted(campaign, "[" + criterion.formatted("20",
                "1e-100000") + "]"), "coordinator.01"), "criteria[0].maxScore");
        unknownUnit(send("POST", "/criteria-sets", rubric.formatted(campaign, "[]").replace("\"01\"", "\"99999\""),
                "coordinator.01"));
        assertThat(mongo.count(new Query(Criteria.where("campaignId").is(campaign)), "criteria_sets")).isZero();

        HttpResponse<String> created = send("POST", "/criteria-sets", """
                {"campaignId":"%s","unitCode":"01","kind":"COLLECTIVE"}""".formatted(campaign), "coordinator.01");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String set = JSON.readTree(created.body()).get("id").asString();
        String round = """
                {"campaignId":"%s","unitCode":"01","level":"COMMUNE","title":"Chấm mô hình thù địch",
                 "opens":"%s","closes":"%s","criteriaSets":{"COLLECTIVE":%s},"minReviews":1}""";
        LocalDate today = LocalDate.now();
        refusedAt(send("POST", "/rounds", round.formatted(campaign, today, FAR_FUTURE, "\"" + set + "\""),
                "coordinator.01"), "closes");
        refusedAt(send("POST", "/rounds", round.formatted(campaign, today, today.plusDays(30), "null"),
                "coordinator.01"), "criteriaSets[COLLECTIVE]");
        unknownUnit(send("POST", "/rounds", round.formatted(campaign, today, today.plusDays(30), "\"" + set + "\"")
                .replace("\"01\"", "\"99\""), "coordinator.01"));
        assertThat(mongo.count(new Query(Criteria.where("campaignId").is(campaign)), "review_rounds")).isZero();

        HttpResponse<String> drafted = send("POST", "/rounds", round.formatted(campaign, today, today.plusDays(30),
                "\"" + set + "\""), "coordinator.01");
        assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(201);
        String panel = "/rounds/" + JSON.readTree(drafted.body()).get("id").asString() + "/panel";
        refusedAt(send("PUT", panel, "{\"members\":[null]}", "coordinator.01"), "members[0]");
        unknownUnit(send("PUT", panel, "{\"members\":[{\"username\":\"reviewer.01\",\"unitCode\":\"99999\"}]}",
                "coordinator.01"));
        assertThat(mongo.findOne(new Query(Criteria.where("campaignId").is(campaign)), org.bson.Document.class,
                "review_rounds").getList("panel", Object.class)).isNullOrEmpty();
    }
}
