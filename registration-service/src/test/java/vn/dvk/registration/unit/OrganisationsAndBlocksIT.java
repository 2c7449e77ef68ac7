package vn.dvk.registration.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

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

/** The organisations under a unit, which own models, and the mass-mobilisation block of a commune. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrganisationsAndBlocksIT {

    private static final String BASE = "/api/registration";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "registration-units");
    }

    private RegistrationApi api() {
        return new RegistrationApi(port);
    }

    private HttpResponse<String> organisation(String unit, String kind, String name) throws Exception {
        return api().send("POST", BASE + "/units/" + unit + "/organisations",
                "{\"kind\":\"%s\",\"name\":\"%s\"}".formatted(kind, name), "officer." + unit);
    }

    private static String id(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return RegistrationApi.json(response).get("id").asString();
    }

    @Test
    void aUnitRegistersItsOrganisationsOnceEachFindsThemWithoutAccentsAndTheyOwnItsModels() throws Exception {
        String women = id(organisation("00004", "WOMENS_UNION", "Hội Liên hiệp Phụ nữ phường Ba Đình"));
        id(organisation("00004", "FARMERS_ASSOCIATION", "Hội Nông dân phường Ba Đình"));
        String youth = id(organisation("00004", "YOUTH_UNION", "Đoàn Thanh niên phường Ba Đình"));

        HttpResponse<String> twice = organisation("00004", "WOMENS_UNION", "hoi lien hiep phu nu  PHUONG ba dinh");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(RegistrationApi.json(twice).get("detail").asString())
                .contains("Đơn vị đã có tổ chức", "hoi lien hiep phu nu PHUONG ba dinh");
        assertThat(api().send("POST", BASE + "/units/00008/organisations",
                "{\"kind\":\"WOMENS_UNION\",\"name\":\"Hội Phụ nữ\"}", "officer.00004").statusCode())
                .as("officers act only for their own unit").isEqualTo(403);

        JsonNode all = RegistrationApi.json(api().send("GET", BASE + "/units/00004/organisations", null,
                "viewer.01"));
        assertThat(all.get("content").valueStream().map(o -> o.get("name").asString()).toList()).containsExactly(
                "Đoàn Thanh niên phường Ba Đình", "Hội Liên hiệp Phụ nữ phường Ba Đình",
                "Hội Nông dân phường Ba Đình");
        JsonNode found = RegistrationApi.json(api().send("GET", BASE + "/units/00004/organisations?q=nong%20dan",
                null, "officer.00004"));
        assertThat(found.get("content").valueStream().map(o -> o.get("name").asString()).toList())
                .containsExactly("Hội Nông dân phường Ba Đình");

        String campaignId = api().launchCampaign("coordinator.01", RegistrationApi.plan("01", "Phong trào tổ chức",
                RegistrationApi.today().minusDays(1), RegistrationApi.today().plusDays(30), "[]"));
        HttpResponse<String> owned = api().send("POST", BASE + "/registrations", ownedForm(campaignId,
                "Bữa cơm nghĩa tình", women), "officer.00004");
        assertThat(owned.statusCode()).as(owned.body()).isEqualTo(201);
        assertThat(RegistrationApi.json(owned).at("/owner/name").asString())
                .as("the owner is named as the unit registered it").isEqualTo("Hội Liên hiệp Phụ nữ phường Ba Đình");
        assertThat(RegistrationApi.json(owned).at("/owner/organisationId").asString()).isEqualTo(women);

        HttpResponse<String> retired = api().send("POST", BASE + "/organisations/" + youth + "/retire", null,
                "officer.00004");
        assertThat(RegistrationApi.json(retired).get("active").asBoolean()).isFalse();
        HttpResponse<String> byRetired = api().send("POST", BASE + "/registrations", ownedForm(campaignId,
                "Sân chơi cho thiếu nhi", youth), "officer.00004");
        assertThat(byRetired.statusCode()).isEqualTo(422);
        assertThat(RegistrationApi.json(byRetired).get("code").asString()).isEqualTo("owner-organisation-unknown");
        assertThat(api().send("GET", BASE + "/units/00004/organisations", null, "officer.00004").body())
                .doesNotContain("Đoàn Thanh niên");
        assertThat(api().send("GET", BASE + "/units/00004/organisations?retired=true", null, "officer.00004")
                .body()).contains("Đoàn Thanh niên");
        assertThat(organisation("00004", "YOUTH_UNION", "Đoàn Thanh niên phường Ba Đình").statusCode())
                .as("a retired organisation frees its name").isEqualTo(201);

        String sibling = id(organisation("00008", "WOMENS_UNION", "Hội Liên hiệp Phụ nữ phường Ngọc Hà"));
        HttpResponse<String> foreign = api().send("POST", BASE + "/registrations", ownedForm(campaignId,
                "Tủ sách cộng đồng", sibling), "officer.00004");
        assertThat(RegistrationApi.json(foreign).get("code").asString())
                .as("an organisation of another unit owns nothing here").isEqualTo("owner-organisation-unknown");

        KafkaProbe.Received event = new KafkaProbe(TestStack.get().kafkaBootstrapServers()).awaitRecord(
                "unit-events", r -> youth.equals(r.key())
                        && "vn.dvk.unit.organisation-retired.v1".equals(r.headers().get("ce_type")),
                Duration.ofSeconds(20));
        assertThat(Contracts.violations("vn.dvk.unit.organisation-retired.v1", event.value())).isEmpty();
        assertThat(RegistrationApi.JSON.readTree(event.value()).get("active").asBoolean()).isFalse();
    }

    private static String ownedForm(String campaignId, String title, String organisationId) {
        return RegistrationApi.form(campaignId, "00004", title, "COLLECTIVE", "CULTURE_SOCIETY").replace("}",
                ",\"owner\":{\"type\":\"ORGANISATION\",\"name\":\"Hội\",\"organisationId\":\"" + organisationId
                        + "\"}}");
    }

    @Test
    void aBlockOutsideTheUsualCompositionIsSavedWithWarningsAndItsMembersKeepTheirIds() throws Exception {
        String path = BASE + "/units/00008/block";
        assertThat(api().send("GET", path, null, "officer.00008").statusCode()).isEqualTo(404);

        HttpResponse<String> small = api().send("PUT", path, members(
                "{\"name\":\"Nguyễn Văn An\",\"position\":\"Chủ tịch Ủy ban nhân dân phường\",\"role\":\"LEADER\"}",
                5), "officer.00008");
        assertThat(small.statusCode()).as(small.body()).isEqualTo(200);
        JsonNode block = RegistrationApi.json(small);
        assertThat(block.get("name").asString()).isEqualTo("Khối dân vận Phường Ngọc Hà");
        assertThat(block.get("warnings").valueStream().map(w -> w.get("code").asString()).toList())
                .containsExactly("block-size", "block-leader-position");
        assertThat(block.get("warnings").get(0).get("message").asString())
                .isEqualTo("Khối dân vận thường có từ 7 đến 13 thành viên; khối này có 5.");

        String leaderId = block.get("members").get(0).get("id").asString();
        HttpResponse<String> usual = api().send("PUT", path, members(
                "{\"id\":\"" + leaderId + "\",\"name\":\"Nguyễn Văn An\","
                        + "\"position\":\"Phó Bí thư Thường trực Đảng ủy\",\"role\":\"LEADER\"}", 9),
                "officer.00008");
        JsonNode recomposed = RegistrationApi.json(usual);
        assertThat(recomposed.get("warnings").isEmpty()).as(usual.body()).isTrue();
        assertThat(recomposed.get("members").size()).isEqualTo(9);
        assertThat(recomposed.get("members").get(0).get("id").asString()).isEqualTo(leaderId);
        assertThat(recomposed.get("history").size()).isEqualTo(2);

        assertThat(RegistrationApi.json(api().send("PUT", BASE + "/units/01/block", members("", 8),
                "coordinator.01")).get("code").asString()).isEqualTo("block-unit-not-commune");
        assertThat(api().send("GET", path, null, "officer.00004").statusCode())
                .as("a sibling commune's block is not theirs to see").isEqualTo(403);
        assertThat(api().send("GET", path, null, "viewer.01").statusCode()).isEqualTo(200);

        KafkaProbe.Received event = new KafkaProbe(TestStack.get().kafkaBootstrapServers()).awaitRecord(
                "unit-events", r -> "block-00008".equals(r.key()) && r.value().contains("Phó Bí thư"),
                Duration.ofSeconds(20));
        assertThat(Contracts.violations("vn.dvk.unit.block-composed.v1", event.value())).isEmpty();
    }

    @Test
    void theCatalogBefore2025IsImportedOnceAndLinkedBothWaysToThe2025Units() throws Exception {
        String csv = String.join("\n", "Mã tỉnh,Tên tỉnh,Mã huyện,Tên huyện,Mã xã,Tên xã",
                "1,Thành phố Hà Nội,1,Quận Ba Đình,16,Phường Ngọc Hà",
                "01,Thành phố Hà Nội,001,Quận Ba Đình,00004,Phường Trúc Bạch",
                "01,Thành phố Hà Nội,001,Quận Ba Đình,00013,Phường Quán Thánh",
                "01,Thành phố Hà Nội,xx,Quận Ba Đình,00019,Phường Điện Biên",
                "01,Thành phố Hà Nội,002,Quận Hoàn Kiếm,00004,Phường Trúc Bạch",
                "79,Thành phố Hồ Chí Minh,760,Quận 1,26734,Phường Tân Định") + "\n";
        byte[] file = csv.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String path = BASE + "/units/historical-imports";
        assertThat(api().upload(path, "don-vi-cu.csv", file, "officer.01").statusCode()).isEqualTo(403);
        String importId = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            HttpResponse<String> imported = api().upload(path, "don-vi-cu.csv", file, "admin.01");
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            JsonNode result = RegistrationApi.json(imported);
            assertThat(result.get("communes").asInt()).isEqualTo(3);
            assertThat(result.get("districts").asInt()).isEqualTo(1);
            assertThat(result.get("rejected").valueStream().map(r -> r.get("row").asInt()).toList())
                    .containsExactly(5, 6, 7);
            assertThat(result.at("/rejected/1/reasons/0").asString()).contains("đã thuộc huyện 001");
            assertThat(result.at("/rejected/2/reasons/0").asString()).as("Hà Nội's administrator and Sài Gòn's past")
                    .contains("ngoài phạm vi");
            importId = result.get("importId").asString();
        }
        String lastImport = importId;
        KafkaProbe.Received imported = new KafkaProbe(TestStack.get().kafkaBootstrapServers())
                .awaitRecord("unit-events", r -> lastImport.equals(r.key()), Duration.ofSeconds(20));
        assertThat(Contracts.violations("vn.dvk.unit.historical-catalog-imported.v1", imported.value())).isEmpty();
        assertThat(RegistrationApi.JSON.readTree(imported.value()).get("provinceCodes").valueStream()
                .map(JsonNode::asString).toList()).containsExactly("01");
        JsonNode imports = RegistrationApi.json(api().send("GET", path, null, "admin.01")).get("content");
        assertThat(imports.get(0).get("id").asString()).isEqualTo(lastImport);
        assertThat(imports.get(0).get("fileName").asString()).isEqualTo("don-vi-cu.csv");
        assertThat(imports.get(0).get("rejected").asInt()).isEqualTo(3);
        assertThat(RegistrationApi.json(api().send("GET", path, null, "admin.00004")).get("content").isEmpty())
                .as("a ward's administrator sees none of the province's").isTrue();

        JsonNode ngocHa = RegistrationApi.json(api().send("GET", BASE + "/units/historical/00016", null,
                "viewer.00004"));
        assertThat(ngocHa.get("name").asString()).isEqualTo("Phường Ngọc Hà");
        assertThat(ngocHa.get("parentCode").asString()).as("leading zeros restored").isEqualTo("001");
        assertThat(ngocHa.get("successors").valueStream().map(s -> s.get("name").asString()).toList())
                .as("split between two 2025 wards").contains("Phường Ba Đình", "Phường Ngọc Hà");
        JsonNode district = RegistrationApi.json(api().send("GET", BASE + "/units/historical/001", null,
                "viewer.00004"));
        assertThat(district.get("level").asString()).isEqualTo("DISTRICT");
        assertThat(district.get("successors").valueStream().map(s -> s.get("code").asString()).toList())
                .contains("00004", "00008");

        JsonNode communes = RegistrationApi.json(api().send("GET", BASE + "/units/historical?parent=001", null,
                "viewer.00004"));
        assertThat(communes.valueStream().map(c -> c.get("name").asString()).toList())
                .as("the old district's communes in Vietnamese order").containsExactly("Phường Ngọc Hà",
                        "Phường Quán Thánh", "Phường Trúc Bạch");
        assertThat(RegistrationApi.json(api().send("GET", BASE + "/units/historical", null, "viewer.00004"))
                .valueStream().map(p -> p.get("code").asString()).toList()).contains("01");

        JsonNode predecessors = RegistrationApi.json(api().send("GET", BASE + "/units/00004/predecessors", null,
                "viewer.00004"));
        JsonNode trucBach = predecessors.valueStream().filter(p -> p.get("code").asString().equals("00004"))
                .findFirst().orElseThrow();
        assertThat(trucBach.get("name").asString()).isEqualTo("Phường Trúc Bạch");
        assertThat(trucBach.get("full").asBoolean()).isTrue();
        assertThat(trucBach.get("districtName").asString()).isEqualTo("Quận Ba Đình");
        assertThat(api().send("GET", BASE + "/units/historical/99999", null, "viewer.00004").statusCode())
                .isEqualTo(404);
    }

    /** A leader (given) and then ordinary members up to {@code count}. */
    private static String members(String leader, int count) {
        StringBuilder json = new StringBuilder("{\"members\":[").append(leader);
        for (int i = leader.isEmpty() ? 0 : 1; i < count; i++) {
            json.append(json.charAt(json.length() - 1) == '[' ? "" : ",")
                    .append("{\"name\":\"Thành viên ").append(i).append("\",\"position\":\"Chủ tịch hội\",")
                    .append("\"role\":\"MEMBER\"}");
        }
        return json.append("]}").toString();
    }
}
