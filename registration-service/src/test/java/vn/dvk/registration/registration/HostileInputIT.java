package vn.dvk.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

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
import vn.dvk.kit.testing.TestStack;
import vn.dvk.registration.campaign.Campaign;
import vn.dvk.registration.support.RegistrationApi;

/**
 * Hostile request bodies — absurd numbers and dates, {@code null} inside lists, unit codes not in the catalog — are
 * refused with a problem detail (400 with the field, or 422 {@code unit-unknown}) before anything is stored, and never
 * reach arithmetic or the database as a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileInputIT {

    private static final String FAR_FUTURE = "+999999999-12-31";
    private static final String HUGE = "1e100000";

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "registration-hostile");
    }

    private RegistrationApi api() {
        return new RegistrationApi(port);
    }

    /**
     * A 400 naming {@code field} among its field errors: by these caps, or by the platform's check of every body before
     * it binds.
     */
    private static void refusedAt(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = RegistrationApi.json(response);
        assertThat(body.path("code").asString()).as(response.body()).isEqualTo("validation");
        assertThat(body.path("errors").valueStream().map(e -> e.path("field").asString()).toList())
                .as(response.body()).contains(field);
    }

    private static void unknownUnit(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(RegistrationApi.json(response).path("code").asString()).isEqualTo("unit-unknown");
    }

    private static String plan(String title, String opens, String closes, String extra) {
        return """
                {"unitCode":"01","year":2026,"title":"%s","levels":["COMMUNE"],"fields":["ECONOMY"],
                 "opens":"%s","closes":"%s"%s}""".formatted(title, opens, closes, extra);
    }

    private long campaignsTitled(String title) {
        return mongo.count(new Query(Criteria.where("plan.title").is(title)), Campaign.class);
    }

    @Test
    void hostileCampaignPlansAreRefusedAndNothingIsStored() throws Exception {
        String title = "Phong trào thù địch";
        String path = "/api/registration/campaigns";
        refusedAt(api().send("POST", path, plan(title, FAR_FUTURE, FAR_FUTURE, ""), "coordinator.01"), "opens");
        refusedAt(api().send("POST", path, plan(title, "2026-01-01", "2026-12-31",
                ",\"progressReportsDue\":[null]"), "coordinator.01"), "progressReportsDue[0]");
        refusedAt(api().send("POST", path, plan(title, "2026-01-01", "2026-12-31",
                ",\"progressReportsDue\":[\"" + FAR_FUTURE + "\"]"), "coordinator.01"), "progressReportsDue[0]");
        refusedAt(api().send("POST", path, plan(title, "2026-01-01", "2026-12-31", ",\"quotas\":[null]"),
                "coordinator.01"), "quotas[0]");
        refusedAt(api().send("POST", path, plan(title, "2026-01-01", "2026-12-31", ",\"midTermReview\":\""
                + FAR_FUTURE + "\""), "coordinator.01"), "midTermReview");
        // Sets of an enum are EnumSets, which Jackson itself refuses to fill with a null: a 400 before validation.
        HttpResponse<String> nullLevel = api().send("POST", path, plan(title, "2026-01-01", "2026-12-31", "")
                .replace("[\"COMMUNE\"]", "[\"COMMUNE\",null]"), "coordinator.01");
        assertThat(nullLevel.statusCode()).as(nullLevel.body()).isEqualTo(400);
        assertThat(nullLevel.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        refusedAt(api().send("POST", path, plan("x".repeat(301), "2026-01-01", "2026-12-31", ""),
                "coordinator.01"), "title");
        unknownUnit(api().send("POST", path, plan(title, "2026-01-01", "2026-12-31", "").replace(
                "\"unitCode\":\"01\"", "\"unitCode\":\"99\""), "coordinator.01"));
        assertThat(campaignsTitled(title)).isZero();

        String id = api().launchCampaign("coordinator.01", RegistrationApi.plan("01", "Phong trào gia hạn thù địch",
                RegistrationApi.today().minusDays(1), RegistrationApi.today().plusDays(10), "[]"));
        refusedAt(api().send("POST", path + "/" + id + "/extensions", "{\"closes\":\"" + FAR_FUTURE
                + "\",\"reason\":\"Kéo dài\"}", "coordinator.01"), "closes");
        assertThat(mongo.findById(id, Campaign.class).extensions()).isEmpty();
    }

    @Test
    void hostileRegistrationsAreRefusedAndNothingIsStored() throws Exception {
        String campaignId = api().launchCampaign("coordinator.01", RegistrationApi.plan("01",
                "Phong trào đăng ký thù địch", RegistrationApi.today().minusDays(1),
                RegistrationApi.today().plusDays(10), "[]"));
        String form = RegistrationApi.form(campaignId, "00004", "Mô hình thù địch", "COLLECTIVE", "ECONOMY");
        String path = "/api/registration/registrations";
        refusedAt(api().send("POST", path, form.replace("}", ",\"indicators\":[null]}"), "officer.00004"),
                "indicators[0]");
        refusedAt(api().send("POST", path, form.replace("}", ",\"indicators\":[{\"name\":\"Số hộ\",\"target\":"
                + HUGE + "}]}"), "officer.00004"), "indicators[0].target");
        refusedAt(api().send("POST", path, form.replace("}", ",\"indicators\":[{\"name\":\"Số hộ\",\"baseline\":1e-100000}]}"),
                "officer.00004"), "indicators[0].baseline");
        refusedAt(api().send("POST", path, form.replace("}", ",\"startDate\":\"" + FAR_FUTURE + "\"}"),
                "officer.00004"), "startDate");
        refusedAt(api().send("POST", path, form.replace("}", ",\"endDate\":\"-999999999-01-01\"}"),
                "officer.00004"), "endDate");
        refusedAt(api().send("POST", path, form.replace("}", ",\"description\":\"" + "x".repeat(10_001) + "\"}"),
                "officer.00004"), "description");
        unknownUnit(api().send("POST", path, form.replace("}", ",\"place\":{\"hamlet\":\"Thôn 3\","
                + "\"communeCode\":\"99999\"}}"), "officer.00004"));
        unknownUnit(api().send("POST", path, form.replace("\"00004\"", "\"99999\""), "officer.00004"));
        assertThat(mongo.count(new Query(Criteria.where("campaignId").is(campaignId)), Registration.class)).isZero();
    }

    @Test
    void hostileProgressReportsAndReplicationsOfARunningModelAreRefused() throws Exception {
        String campaignId = api().launchCampaign("coordinator.01", RegistrationApi.plan("01",
                "Phong trào tiến độ thù địch", RegistrationApi.today().minusDays(1),
                RegistrationApi.today().plusDays(10), "[]"));
        HttpResponse<String> created = api().send("POST", "/api/registration/registrations", RegistrationApi.form(
                campaignId, "00004", "Mô hình đang chạy", "COLLECTIVE", "ECONOMY"), "officer.00004");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = RegistrationApi.json(created).get("id").asString();
        String path = "/api/registration/registrations/" + id;
        assertThat(api().send("POST", path + "/approve", null, "coordinator.01").statusCode()).isEqualTo(200);

        refusedAt(api().send("POST", path + "/progress-reports", "{\"reportedOn\":\"" + FAR_FUTURE
                + "\",\"narrative\":\"Tốt\"}", "officer.00004"), "reportedOn");
        refusedAt(api().send("POST", path + "/progress-reports", "{\"reportedOn\":\"2026-01-01\","
                + "\"narrative\":\"Tốt\",\"indicators\":[null]}", "officer.00004"), "indicators[0]");
        refusedAt(api().send("POST", path + "/progress-reports", "{\"reportedOn\":\"2026-01-01\","
                + "\"narrative\":\"Tốt\",\"indicators\":[{\"name\":\"Số hộ\",\"actual\":" + HUGE + "}]}",
                "officer.00004"), "indicators[0].actual");
        refusedAt(api().send("POST", path + "/replications", "{\"place\":\"Thôn 3\",\"hectares\":" + HUGE + "}",
                "officer.00004"), "hectares");
        refusedAt(api().send("POST", path + "/replications", "{\"place\":\"Thôn 3\",\"households\":100000000}",
                "officer.00004"), "households");
        unknownUnit(api().send("POST", path + "/replications", "{\"place\":\"Thôn 3\",\"unitCode\":\"99999\"}",
                "officer.00004"));

        Registration stored = mongo.findById(id, Registration.class);
        assertThat(stored.progressReports()).isEmpty();
        assertThat(stored.replications()).isEmpty();
    }

    @Test
    void hostileBlocksAndUnitParametersAreRefused() throws Exception {
        refusedAt(api().send("PUT", "/api/registration/units/00004/block", "{\"members\":[null]}",
                "officer.00004"), "members[0]");
        unknownUnit(api().send("POST", "/api/registration/units/99999/organisations",
                "{\"kind\":\"OTHER\",\"name\":\"Tổ thù địch\"}", "coordinator.01"));
        unknownUnit(api().send("GET", "/api/registration/registrations?unitCode=99999", null, "viewer.01"));
    }
}
