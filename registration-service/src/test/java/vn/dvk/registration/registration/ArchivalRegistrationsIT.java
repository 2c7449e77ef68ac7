package vn.dvk.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import vn.dvk.kit.testing.Contracts;
import vn.dvk.kit.testing.KafkaProbe;
import vn.dvk.kit.testing.TestStack;
import vn.dvk.registration.support.RegistrationApi;

/**
 * Records of campaigns run before 1 July 2025: they keep the old commune or district that registered them, are
 * carried by a 2025 unit the merge mapping leads to, and are found under either.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ArchivalRegistrationsIT {

    private static final String BASE = "/api/registration";
    /** Old Ba Đình district: Ngọc Hà went partly into 2025 Ba Đình (00004), Vĩnh Phúc wholly into Ngọc Hà (00008). */
    private static final String OLD_CATALOG = String.join("\n", "Mã tỉnh,Tên tỉnh,Mã huyện,Tên huyện,Mã xã,Tên xã",
            "01,Thành phố Hà Nội,001,Quận Ba Đình,00004,Phường Trúc Bạch",
            "01,Thành phố Hà Nội,001,Quận Ba Đình,00006,Phường Vĩnh Phúc",
            "01,Thành phố Hà Nội,001,Quận Ba Đình,00016,Phường Ngọc Hà") + "\n";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "registration-archival");
    }

    private RegistrationApi api() {
        return new RegistrationApi(port);
    }

    @BeforeEach
    void importOldCatalog() throws Exception {
        HttpResponse<String> imported = api().upload(BASE + "/units/historical-imports", "don-vi-cu.csv",
                OLD_CATALOG.getBytes(StandardCharsets.UTF_8), "admin.01");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    }

    private static String archivalPlan(String title) {
        return """
                {"unitCode":"01","year":2023,"title":"%s","levels":["COMMUNE","DISTRICT"],
                 "fields":["ECONOMY","CULTURE_SOCIETY","DEFENSE_SECURITY","POLITICAL_SYSTEM"],
                 "opens":"2023-03-01","closes":"2023-05-31",
                 "quotas":[{"unitKind":"COMMUNE","kind":"COLLECTIVE","limit":1},
                           {"unitKind":"DISTRICT","kind":"COLLECTIVE","limit":1}]}""".formatted(title);
    }

    private HttpResponse<String> register(String campaignId, String unitCode, String formerUnitCode, String title,
            String level) throws Exception {
        String form = """
                {"campaignId":"%s","unitCode":"%s","formerUnitCode":%s,"title":"%s","kind":"COLLECTIVE",
                 "field":"ECONOMY","level":%s}""".formatted(campaignId, unitCode,
                formerUnitCode == null ? "null" : "\"" + formerUnitCode + "\"", title,
                level == null ? "null" : "\"" + level + "\"");
        return api().send("POST", BASE + "/registrations", form, "officer." + unitCode);
    }

    private static String problem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return RegistrationApi.json(response).get("code").asString();
    }

    @Test
    void anOldCommunesModelIsEnteredAfterTheFactUnderItsOldCommuneAndFoundUnderTheOldDistrictAndThe2025Ward()
            throws Exception {
        String campaign = api().launchCampaign("coordinator.01", archivalPlan("Dân vận khéo Hà Nội 2023"));
        assertThat(RegistrationApi.json(api().send("GET", BASE + "/campaigns/" + campaign, null, "viewer.01"))
                .get("archival").asBoolean()).isTrue();

        HttpResponse<String> ngocHa = register(campaign, "00004", "00016", "Khu tập thể văn minh", null);
        assertThat(ngocHa.statusCode()).as("entered although its window closed in 2023: " + ngocHa.body())
                .isEqualTo(201);
        JsonNode entered = RegistrationApi.json(ngocHa);
        assertThat(entered.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(entered.get("level").asString()).isEqualTo("COMMUNE");
        assertThat(entered.at("/formerUnit/name").asString()).isEqualTo("Phường Ngọc Hà");
        assertThat(entered.at("/formerUnit/path").valueStream().map(JsonNode::asString).toList())
                .containsExactly("01", "001", "00016");
        String id = entered.get("id").asString();

        KafkaProbe.Received event = new KafkaProbe(TestStack.get().kafkaBootstrapServers())
                .awaitRecord("registration-events", r -> id.equals(r.key()), Duration.ofSeconds(20));
        assertThat(Contracts.violations("vn.dvk.registration.submitted.v1", event.value())).isEmpty();
        assertThat(RegistrationApi.JSON.readTree(event.value()).at("/formerUnit/code").asString())
                .isEqualTo("00016");

        assertThat(problem(register(campaign, "00004", null, "Không rõ xã cũ", null)))
                .isEqualTo("registration-former-unit-required");
        HttpResponse<String> elsewhere = register(campaign, "00004", "00006", "Vĩnh Phúc sạch đẹp", null);
        assertThat(problem(elsewhere)).isEqualTo("registration-former-unit-not-carried");
        assertThat(RegistrationApi.json(elsewhere).get("detail").asString()).contains("Phường Vĩnh Phúc", "00008");
        assertThat(problem(register(campaign, "00004", "00099", "Xã không có", null)))
                .isEqualTo("registration-former-unit-unknown");
        assertThat(problem(register(campaign, "00004", "00016", "Khu tap the  VAN MINH", null)))
                .as("the same title from the same old ward").isEqualTo("registration-duplicate");
        assertThat(problem(register(campaign, "00004", "00016", "Một mô hình nữa", null)))
                .as("old Ngọc Hà's one collective place is taken").isEqualTo("registration-quota-full");
        assertThat(register(campaign, "00004", "00004", "Khu tập thể văn minh", null).statusCode())
                .as("old Trúc Bạch, carried by the same 2025 ward, has its own title and quota").isEqualTo(201);
        assertThat(register(campaign, "00008", "00006", "Vĩnh Phúc sạch đẹp", null).statusCode()).isEqualTo(201);
        HttpResponse<String> district = register(campaign, "01", "001", "Quận Ba Đình chung sức", null);
        assertThat(district.statusCode()).as(district.body()).isEqualTo(201);
        assertThat(RegistrationApi.json(district).get("level").asString()).isEqualTo("DISTRICT");
        assertThat(problem(register(campaign, "00004", "00016", "Cấp sai", "DISTRICT")))
                .isEqualTo("registration-level-not-for-unit");

        JsonNode ngocHaQuota = RegistrationApi.json(api().send("GET", BASE + "/campaigns/" + campaign
                + "/quota-status?unitCode=00004&formerUnitCode=00016", null, "viewer.00004")).get(0);
        assertThat(ngocHaQuota.get("kind").asString()).isEqualTo("COLLECTIVE");
        assertThat(ngocHaQuota.get("registered").asInt()).as("the old ward's places").isEqualTo(1);
        assertThat(ngocHaQuota.get("allowed").asInt()).isEqualTo(1);
        assertThat(RegistrationApi.json(api().send("GET", BASE + "/campaigns/" + campaign
                + "/quota-status?unitCode=01&formerUnitCode=001", null, "viewer.01")).at("/0/allowed").asInt())
                .as("the district quota").isEqualTo(1);
        assertThat(problem(api().send("GET", BASE + "/campaigns/" + campaign + "/quota-status?unitCode=00004",
                null, "viewer.00004"))).isEqualTo("registration-former-unit-required");

        assertThat(titles("campaignId=" + campaign + "&formerUnitCode=001", "viewer.01"))
                .as("everything the old district registered")
                .containsExactlyInAnyOrder("Khu tập thể văn minh", "Khu tập thể văn minh", "Vĩnh Phúc sạch đẹp",
                        "Quận Ba Đình chung sức");
        assertThat(titles("campaignId=" + campaign + "&formerUnitCode=00016", "viewer.01"))
                .containsExactly("Khu tập thể văn minh");
        assertThat(titles("campaignId=" + campaign, "viewer.00004"))
                .as("the 2025 ward sees the records of its predecessors")
                .containsExactlyInAnyOrder("Khu tập thể văn minh", "Khu tập thể văn minh");
        assertThat(api().send("GET", BASE + "/registrations?formerUnitCode=1", null, "viewer.01").statusCode())
                .isEqualTo(400);
    }

    @Test
    void campaignsFrom2025OnHaveNoDistrictsAndNameNoOldUnits() throws Exception {
        String current = RegistrationApi.plan("01", "Dân vận khéo Hà Nội hiện nay", RegistrationApi.today(),
                RegistrationApi.today().plusDays(30), "[]");
        HttpResponse<String> withDistricts = api().send("POST", BASE + "/campaigns",
                current.replace("\"levels\":[\"COMMUNE\"]", "\"levels\":[\"COMMUNE\",\"DISTRICT\"]"),
                "coordinator.01");
        assertThat(problem(withDistricts)).isEqualTo("campaign-district-level-after-2025");

        String campaign = api().launchCampaign("coordinator.01", current);
        HttpResponse<String> named = register(campaign, "00004", "00016", "Mô hình mới có xã cũ", null);
        assertThat(problem(named)).isEqualTo("registration-former-unit-not-archival");
        assertThat(register(campaign, "00004", null, "Mô hình mới có xã cũ", null).statusCode()).isEqualTo(201);
    }

    @Test
    void oldRecordsComeInFromTheStandardSheetWithTheirOldUnitOnceOnly() throws Exception {
        String campaign = api().launchCampaign("coordinator.01", archivalPlan("Dân vận khéo Hà Nội 2024"));
        String header = String.join(",", RegistrationSheet.COLUMNS);
        String csv = String.join("\n", header,
                "00008,Vĩnh Phúc xanh,Tập thể,Kinh tế,,,,,,,,,00006",
                "00008,Ngọc Hà sáng,Tập thể,Kinh tế,,,,,,,,,00016",
                "00008,Không ghi xã cũ,Tập thể,Kinh tế,,,,,,,,,",
                "00008,Mã cũ thiếu số 0,Tập thể,Kinh tế,,,,,,,,,16") + "\n";
        for (int attempt = 0; attempt < 2; attempt++) {
            HttpResponse<String> imported = api().upload(BASE + "/campaigns/" + campaign + "/registration-imports",
                    "ho-so-2024.csv", csv.getBytes(StandardCharsets.UTF_8), "officer.00008");
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            JsonNode result = RegistrationApi.json(imported);
            assertThat(result.get(attempt == 0 ? "created" : "alreadyRegistered").asInt()).isEqualTo(2);
            assertThat(result.get("rejected").valueStream().map(r -> r.get("row").asInt()).toList())
                    .containsExactly(4, 5);
            assertThat(result.at("/rejected/0/reasons/0").asString()).contains("ghi mã tỉnh, huyện hoặc xã cũ");
            assertThat(result.at("/rejected/1/reasons/0").asString()).as("16 is read as an old province")
                    .contains("Mã 16 không có", "giữ số 0 ở đầu");
        }
        assertThat(titles("campaignId=" + campaign + "&formerUnitCode=001", "viewer.00008"))
                .containsExactlyInAnyOrder("Vĩnh Phúc xanh", "Ngọc Hà sáng");
    }

    private List<String> titles(String query, String user) throws Exception {
        HttpResponse<String> page = api().send("GET", BASE + "/registrations?size=50&" + query, null, user);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return RegistrationApi.json(page).get("content").valueStream().map(r -> r.get("title").asString()).toList();
    }
}
