package vn.dvk.evaluation.security;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.testing.AccessMatrix;
import vn.dvk.kit.testing.AccessMatrix.Scope;
import vn.dvk.kit.testing.Contracts;
import vn.dvk.kit.testing.KafkaProbe;
import vn.dvk.kit.testing.TestStack;

/** Every endpoint of evaluation-service × every role × own, parent and sibling unit. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EvaluationAccessMatrixIT {

    private static final String BASE = "/api/evaluation";
    private static final String APPROVED = "vn.dvk.registration.approved.v1";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "evaluation-access");
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private String base;
    private String campaign;
    private String rubric;

    private String call(String method, String path, String json, String user, int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + TestStack.token(user))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + ": " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String id(String json) {
        return JSON.readTree(json).get("id").asString();
    }

    private String roundForm() {
        LocalDate today = LocalDate.now();
        return """
                {"campaignId":"%s","unitCode":"%s","level":"COMMUNE","title":"Chấm mô hình phường Ba Đình",
                 "opens":"%s","closes":"%s","criteriaSets":{"COLLECTIVE":"%s"},"minReviews":1}"""
                .formatted(campaign, AccessMatrix.OWN_UNIT, today, today.plusDays(10), rubric);
    }

    /** A draft round of the fixture's ward, its panel the province's reviewer. */
    private String draftRound() {
        String round = id(call("POST", BASE + "/rounds", roundForm(), COORDINATOR, 201));
        call("PUT", BASE + "/rounds/" + round + "/panel", PANEL, COORDINATOR, 200);
        return round;
    }

    private String openRound() {
        String round = draftRound();
        call("POST", BASE + "/rounds/" + round + "/open", null, COORDINATOR, 200);
        return round;
    }

    /** An open round whose one model the province's reviewer is assigned to; answers the model's path. */
    private String assignedModel() {
        String round = openRound();
        call("POST", BASE + "/rounds/" + round + "/assignments", "{\"reviewers\":[\"reviewer.01\"]}", COORDINATOR,
                200);
        return BASE + "/rounds/" + round + "/models/" + registrationId;
    }

    private String registrationId;
    private static final String COORDINATOR = "coordinator." + AccessMatrix.OWN_UNIT;
    private static final String PANEL = """
            {"members":[{"username":"reviewer.01","unitCode":"01","name":"Ủy viên tỉnh"}]}""";
    private static final String SCORES = """
            {"scores":{"DK":10,"TT1":8,"TT2":8,"TT3":8,"TT4":8,"TT5":8}}""";
    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    @Test
    void shouldLetEachRoleDoOnlyWhatItMayAndOnlyInsideItsUnit() throws Exception {
        base = "http://127.0.0.1:" + port;
        registrationId = UUID.randomUUID().toString();
        campaign = UUID.randomUUID().toString();
        String title = "Hồ sơ riêng của phường Ba Đình";
        String event = Contracts.example(APPROVED).replace("019a8c3e-5f10-7b2a-9c41-3d2e8f6a1b07", registrationId)
                .replace("019a8c3e-1111-7b2a-9c41-3d2e8f6a1b07", campaign).replace("Nuôi ong lấy mật", title);
        new KafkaProbe(TestStack.get().kafkaBootstrapServers()).send("registration-events", registrationId,
                Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", APPROVED, "ce_source",
                        "urn:dvk:registration-service", "ce_specversion", "1.0"), event);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(
                        URI.create(base + BASE + "/dossiers/" + registrationId))
                .header("Authorization", "Bearer " + TestStack.token(COORDINATOR))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        String launched = "vn.dvk.campaign.launched.v1";
        new KafkaProbe(TestStack.get().kafkaBootstrapServers()).send("campaign-events", campaign,
                Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", launched, "ce_source",
                        "urn:dvk:registration-service", "ce_specversion", "1.0"),
                Contracts.example(launched).replace("019a8c3e-1111-7b2a-9c41-3d2e8f6a1b07", campaign));
        await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(
                        URI.create(base + BASE + "/reports/review?campaignId=" + campaign))
                .header("Authorization", "Bearer " + TestStack.token(COORDINATOR))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        String rubricForm = """
                {"campaignId":"%s","unitCode":"%s","kind":"COLLECTIVE"}""".formatted(campaign, AccessMatrix.OWN_UNIT);
        rubric = id(call("POST", BASE + "/criteria-sets", rubricForm, COORDINATOR, 201));
        String unusedRubric = id(call("POST", BASE + "/criteria-sets", rubricForm, COORDINATOR, 201));
        String draft = draftRound();
        String open = openRound();
        String model = BASE + "/rounds/" + open + "/models/" + registrationId;

        String ownScheme = id(call("POST", BASE + "/grading-schemes", gradingScheme(OWN), COORDINATOR, 201));
        String provinceScheme = id(call("POST", BASE + "/grading-schemes", gradingScheme(AccessMatrix.PARENT_UNIT),
                "coordinator.01", 201));
        String schemes = BASE + "/grading-schemes/{id}";
        String gradingPattern = schemes + "/gradings/{subjectKey}";
        var everyone = AccessMatrix.EVERY_ROLE;
        var readers = EnumSet.of(Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.VIEWER);
        var coordinators = EnumSet.of(Role.COORDINATOR);
        var reviewers = EnumSet.of(Role.REVIEWER);
        String rounds = BASE + "/rounds/{id}";
        String models = rounds + "/models/{registrationId}";
        new AccessMatrix(base, mappings, title)
                .endpoint("GET", BASE + "/dossiers/{registrationId}", BASE + "/dossiers/" + registrationId, null,
                        readers, 200, Scope.UNIT)
                .endpoint("GET", BASE + "/dossiers", BASE + "/dossiers?unitCode=" + AccessMatrix.OWN_UNIT, null,
                        readers, 200, Scope.UNIT)
                .endpoint("GET", BASE + "/criteria-sets/defaults", BASE + "/criteria-sets/defaults?kind=INDIVIDUAL",
                        null, everyone, 200, Scope.CALLER)
                .endpoint("POST", BASE + "/criteria-sets", BASE + "/criteria-sets", rubricForm, coordinators, 201,
                        Scope.UNIT)
                .endpoint("PUT", BASE + "/criteria-sets/{id}", BASE + "/criteria-sets/" + unusedRubric, rubricForm,
                        coordinators, 200, Scope.UNIT)
                .endpoint("GET", BASE + "/criteria-sets/{id}", BASE + "/criteria-sets/" + rubric, null, everyone,
                        200, Scope.UNIT)
                .endpoint("GET", BASE + "/criteria-sets", BASE + "/criteria-sets?unitCode=" + AccessMatrix.OWN_UNIT,
                        null, everyone, 200, Scope.UNIT)
                .endpoint("POST", BASE + "/rounds", () -> BASE + "/rounds", this::roundForm, coordinators, 201,
                        Scope.UNIT)
                .endpoint("PUT", rounds, BASE + "/rounds/" + draft, roundForm(), coordinators, 200, Scope.UNIT)
                .endpoint("GET", rounds, BASE + "/rounds/" + open, null, readers, 200, Scope.UNIT)
                .endpoint("GET", BASE + "/rounds", BASE + "/rounds?unitCode=" + AccessMatrix.OWN_UNIT, null, readers,
                        200, Scope.UNIT)
                .endpoint("PUT", rounds + "/panel", BASE + "/rounds/" + draft + "/panel", PANEL, coordinators, 200,
                        Scope.UNIT)
                .endpoint("POST", rounds + "/open", () -> BASE + "/rounds/" + draftRound() + "/open", () -> null,
                        coordinators, 200, Scope.UNIT)
                .endpoint("POST", rounds + "/close", () -> BASE + "/rounds/" + openRound() + "/close", () -> null,
                        coordinators, 200, Scope.UNIT)
                .endpoint("POST", rounds + "/assignments", () -> BASE + "/rounds/" + openRound() + "/assignments",
                        () -> "{\"reviewers\":[\"reviewer.01\"]}", coordinators, 200, Scope.UNIT)
                .endpoint("POST", rounds + "/assignments/auto", () -> BASE + "/rounds/" + openRound()
                        + "/assignments/auto", () -> null, coordinators, 200, Scope.UNIT)
                .endpoint("GET", rounds + "/models", BASE + "/rounds/" + open + "/models", null, readers, 200,
                        Scope.UNIT)
                .endpoint("GET", models, model, null, readers, 200, Scope.UNIT)
                .endpoint("GET", rounds + "/progress", BASE + "/rounds/" + open + "/progress", null, readers, 200,
                        Scope.UNIT)
                .endpoint("POST", models + "/conflicts", () -> assignedModel() + "/conflicts",
                        () -> "{\"reason\":\"Người thân\"}", reviewers, 200, Scope.MEMBERS)
                .endpoint("PUT", models + "/scorecard", () -> assignedModel() + "/scorecard", () -> SCORES,
                        reviewers, 200, Scope.MEMBERS)
                .endpoint("POST", models + "/scorecard/submit", () -> {
                    String path = assignedModel();
                    call("PUT", path + "/scorecard", SCORES, "reviewer.01", 200);
                    return path + "/scorecard/submit";
                }, () -> null, reviewers, 200, Scope.MEMBERS)
                .endpoint("POST", models + "/scorecard/abstain", () -> assignedModel() + "/scorecard/abstain",
                        () -> "{\"reason\":\"Vắng mặt\"}", reviewers, 200, Scope.MEMBERS)
                .endpoint("PUT", models + "/deliberation", () -> BASE + "/rounds/" + openRound() + "/models/"
                        + registrationId + "/deliberation", () -> DELIBERATION, coordinators, 200, Scope.UNIT)
                .endpoint("POST", rounds + "/decisions", () -> {
                    String round = openRound();
                    call("PUT", BASE + "/rounds/" + round + "/models/" + registrationId + "/deliberation",
                            DELIBERATION, COORDINATOR, 200);
                    return BASE + "/rounds/" + round + "/decisions";
                }, () -> "{\"number\":\"1/QĐ\",\"date\":\"" + LocalDate.now() + "\"}", coordinators, 201,
                        Scope.UNIT)
                .endpoint("POST", BASE + "/grading-schemes", BASE + "/grading-schemes", gradingScheme(OWN), coordinators,
                        201, Scope.UNIT)
                .endpoint("PUT", schemes, BASE + "/grading-schemes/" + ownScheme, gradingScheme(OWN), coordinators,
                        200, Scope.UNIT)
                .endpoint("GET", schemes, BASE + "/grading-schemes/" + ownScheme, null, everyone, 200, Scope.UNIT)
                .endpoint("GET", BASE + "/grading-schemes", BASE + "/grading-schemes?unitCode=" + OWN, null, everyone,
                        200, Scope.UNIT)
                .endpoint("GET", schemes + "/gradings", BASE + "/grading-schemes/" + provinceScheme + "/gradings",
                        null, everyone, 200, Scope.CALLER)
                .endpoint("GET", gradingPattern, BASE + "/grading-schemes/" + provinceScheme + "/gradings/" + OWN, null,
                        everyone, 200, Scope.UNIT)
                .endpoint("PUT", gradingPattern + "/self-assessment", () -> wardGrading() + "/self-assessment",
                        () -> SELF, EnumSet.of(Role.UNIT_OFFICER, Role.COORDINATOR), 200, Scope.UNIT)
                .endpoint("POST", gradingPattern + "/self-assessment/submit", () -> assessedWard()
                        + "/self-assessment/submit", () -> null, EnumSet.of(Role.UNIT_OFFICER, Role.COORDINATOR),
                        200, Scope.UNIT)
                .endpoint("POST", gradingPattern + "/adjustments", () -> submittedWard() + "/adjustments",
                        () -> AWARD, coordinators, 200, Scope.MEMBERS)
                .endpoint("POST", gradingPattern + "/finalise", () -> {
                    String ward = submittedWard();
                    call("POST", ward + "/adjustments", AWARD, "coordinator.01", 200);
                    call("POST", ward + "/adjustments", AWARD.replace("TC1", "TC2"), "coordinator.01", 200);
                    return ward + "/finalise";
                }, () -> "{}", coordinators, 200, Scope.MEMBERS)
                .endpoint("GET", BASE + "/statistics", BASE + "/statistics?groupBy=status&unitCode=" + OWN, null,
                        everyone, 200, Scope.UNIT)
                .endpoint("GET", BASE + "/statistics/review-progress", BASE + "/statistics/review-progress?unitCode="
                        + OWN, null, everyone, 200, Scope.UNIT)
                .endpoint("GET", BASE + "/statistics/quota-fill", BASE + "/statistics/quota-fill?campaignId=" + campaign
                        + "&unitCode=" + OWN, null, everyone, 200, Scope.UNIT)
                .endpoint("GET", BASE + "/statistics/trends", BASE + "/statistics/trends?unitCode=" + OWN, null,
                        everyone, 200, Scope.UNIT)
                .endpoint("GET", BASE + "/reports/review", BASE + "/reports/review?campaignId=" + campaign
                        + "&unitCode=" + OWN, null, everyone, 200, Scope.UNIT)
                .endpoint("GET", BASE + "/reports/review.xlsx", BASE + "/reports/review.xlsx?campaignId=" + campaign
                        + "&unitCode=" + OWN, null, everyone, 200, Scope.UNIT)
                .stream(BASE + "/statistics/stream", BASE + "/statistics/stream?unitCode=" + OWN, everyone, Scope.UNIT)
                .endpoint("POST", BASE + "/statistics/rebuild", BASE + "/statistics/rebuild", null,
                        EnumSet.of(Role.ADMIN), 200, Scope.TOP)
                .kitEndpoints(BASE)
                .verify();
    }

    private static final String OWN = AccessMatrix.OWN_UNIT;
    private static final String SELF = """
            {"scores":{"TC1":40,"TC2":40}}""";
    private static final String AWARD = """
            {"code":"TC1","part":"SUPERIOR","score":5}""";

    private static String gradingScheme(String unitCode) {
        return """
                {"unitCode":"%s","year":2027,"subject":"UNIT","title":"Xếp loại công tác dân vận",
                 "criteria":[{"code":"TC1","title":"Lãnh đạo","selfMax":45,"superiorMax":5},
                             {"code":"TC2","title":"Phong trào","selfMax":45,"superiorMax":5}],
                 "thresholds":[{"grade":"TOT","label":"Tốt","minPoints":90},{"grade":"YEU","label":"Yếu","minPoints":0}]}"""
                .formatted(unitCode);
    }

    /** The ward's grading under a fresh scheme of the province. */
    private String wardGrading() {
        String scheme = id(call("POST", BASE + "/grading-schemes", gradingScheme(AccessMatrix.PARENT_UNIT),
                "coordinator.01", 201));
        return BASE + "/grading-schemes/" + scheme + "/gradings/" + OWN;
    }

    private String assessedWard() {
        String ward = wardGrading();
        call("PUT", ward + "/self-assessment", SELF, "officer." + OWN, 200);
        return ward;
    }

    private String submittedWard() {
        String ward = assessedWard();
        call("POST", ward + "/self-assessment/submit", null, "officer." + OWN, 200);
        return ward;
    }

    private static final String DELIBERATION = """
            {"votesFor":5,"votesAgainst":0,"votesAbstained":0,"tier":"RECOGNISED"}""";
}
