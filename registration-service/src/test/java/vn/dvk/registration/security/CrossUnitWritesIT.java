package vn.dvk.registration.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import vn.dvk.kit.testing.AccessMatrix;
import vn.dvk.kit.testing.TestStack;
import vn.dvk.registration.support.RegistrationApi;

/**
 * What the access matrix cannot see, since its fixtures are new objects: a write that matches an EXISTING object of
 * another unit — by a spreadsheet row, a title, an organisation id, a block member id, an old unit's code. Phường Ngọc
 * Hà (00008, {@link AccessMatrix#SIBLING_UNIT}) tries each against what Phường Ba Đình (00004,
 * {@link AccessMatrix#OWN_UNIT}) holds: it is refused as for a missing object or a unit outside its scope (or the row
 * is rejected), nothing tells it what Ba Đình holds, and Ba Đình's object reads back exactly as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrossUnitWritesIT {

    private static final String BASE = "/api/registration";
    private static final String OWN = AccessMatrix.OWN_UNIT;
    private static final String SIBLING = AccessMatrix.SIBLING_UNIT;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SHEET_HEADER = "Mã đơn vị,Tên mô hình,Loại mô hình,Lĩnh vực,Chủ thể (tổ chức hoặc cá nhân),"
            + "Chức vụ,Đảng viên,Thôn / tổ dân phố,Mô tả,Mục tiêu,Ngày bắt đầu,Ngày kết thúc,Mã đơn vị trước 1/7/2025";
    private static final String OUTSIDE = "không thuộc phạm vi đơn vị của bạn";

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "registration-cross-unit");
    }

    private RegistrationApi api() {
        return new RegistrationApi(port);
    }

    @Test
    void aSiblingsImportOrRevisionNeverReachesAnotherWardsRegistration() throws Exception {
        String province = api().launchCampaign("coordinator.01", RegistrationApi.plan("01",
                "Phong trào của thành phố " + RUN, RegistrationApi.today().minusDays(1),
                RegistrationApi.today().plusDays(30), "[]"));
        String ward = api().launchCampaign("coordinator." + OWN, RegistrationApi.plan(OWN,
                "Phong trào riêng của phường Ba Đình " + RUN, RegistrationApi.today().minusDays(1),
                RegistrationApi.today().plusDays(30), "[]"));
        String title = "Vườn rau sạch Ba Đình " + RUN;
        String theirs = created(api().send("POST", BASE + "/registrations", RegistrationApi.form(province, OWN, title,
                "COLLECTIVE", "ECONOMY").replace("}", ",\"submit\":false}"), "officer." + OWN));
        String before = read(theirs);

        // A sheet naming Ba Đình's model under Ba Đình (also with the leading zeros lost), beside Ngọc Hà's own row
        // of the same title: Ngọc Hà's row is a model of its own, the others are refused as outside its unit.
        String sheet = String.join("\n", SHEET_HEADER,
                OWN + "," + title + ",Tập thể,Kinh tế,,,,,Đổi mô tả,,,,",
                SIBLING + "," + title + ",Tập thể,Kinh tế,,,,,,,,,",
                "4," + title + ",Tập thể,Kinh tế,,,,,Đổi mô tả,,,,") + "\n";
        for (int attempt = 0; attempt < 2; attempt++) {
            HttpResponse<String> imported = api().upload(BASE + "/campaigns/" + province + "/registration-imports",
                    "dang-ky.csv", sheet.getBytes(StandardCharsets.UTF_8), "officer." + SIBLING);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            JsonNode result = RegistrationApi.json(imported);
            assertThat(result.get("created").asInt()).as(imported.body()).isEqualTo(attempt == 0 ? 1 : 0);
            assertThat(result.get("alreadyRegistered").asInt()).as("only Ngọc Hà's own row, imported before")
                    .isEqualTo(attempt == 0 ? 0 : 1);
            assertThat(result.get("rejected").valueStream().map(r -> r.get("row").asInt()).toList())
                    .containsExactly(2, 4);
            for (JsonNode rejected : result.get("rejected")) {
                assertThat(rejected.get("reasons").toString()).contains(OUTSIDE);
            }
            assertThat(imported.body()).doesNotContain(theirs);
        }

        // Ba Đình's own campaign is not Ngọc Hà's to import into; its registration not Ngọc Hà's to revise.
        assertProblem(api().upload(BASE + "/campaigns/" + ward + "/registration-imports", "dang-ky.csv",
                sheet.getBytes(StandardCharsets.UTF_8), "officer." + SIBLING), 404, "campaign-not-found");
        assertProblem(api().send("PUT", BASE + "/registrations/" + theirs, RegistrationApi.form(province, SIBLING,
                title, "COLLECTIVE", "ECONOMY"), "officer." + SIBLING), 404, "registration-not-found");
        assertProblem(api().send("POST", BASE + "/registrations/" + theirs + "/submit", null, "officer." + SIBLING),
                404, "registration-not-found");

        assertThat(read(theirs)).as("Ba Đình's registration as it was").isEqualTo(before);
        JsonNode listed = RegistrationApi.json(api().send("GET", BASE + "/registrations?campaignId=" + province
                + "&size=50", null, "viewer.01")).get("content");
        assertThat(listed.valueStream().filter(r -> r.get("title").asString().equals(title))
                .map(r -> r.get("unitCode").asString()).toList())
                .as("one model of each ward, Ba Đình's untouched").containsExactlyInAnyOrder(OWN, SIBLING);
    }

    @Test
    void anotherWardsOrganisationIsNeitherUsableNorChangeableNorDetectable() throws Exception {
        String province = api().launchCampaign("coordinator.01", RegistrationApi.plan("01",
                "Phong trào tổ chức " + RUN, RegistrationApi.today().minusDays(1),
                RegistrationApi.today().plusDays(30), "[]"));
        String name = "Hội Cựu chiến binh phường Ba Đình " + RUN;
        String organisation = created(api().send("POST", BASE + "/units/" + OWN + "/organisations",
                "{\"kind\":\"VETERANS_ASSOCIATION\",\"name\":\"" + name + "\"}", "coordinator." + OWN));
        String before = api().send("GET", BASE + "/organisations/" + organisation, null, "officer." + OWN).body();
        String unknown = UUID.randomUUID().toString();

        // As the owner of a new model of Ngọc Hà: refused exactly as an id that does not exist.
        HttpResponse<String> named = api().send("POST", BASE + "/registrations", owned(province, SIBLING,
                "Mô hình của Ngọc Hà " + RUN, organisation, null), "officer." + SIBLING);
        HttpResponse<String> missing = api().send("POST", BASE + "/registrations", owned(province, SIBLING,
                "Mô hình của Ngọc Hà " + RUN, unknown, null), "officer." + SIBLING);
        assertProblem(named, 422, "owner-organisation-unknown");
        assertProblem(missing, 422, "owner-organisation-unknown");
        assertThat(answer(named).replace(organisation, unknown)).isEqualTo(answer(missing));
        assertThat(named.body()).doesNotContain(name);

        // Through a revision of Ngọc Hà's own draft that names Ba Đình as its unit: the same answer, found or not.
        String own = created(api().send("POST", BASE + "/registrations", owned(province, SIBLING,
                "Bản nháp của Ngọc Hà " + RUN, null, false), "officer." + SIBLING));
        String ownBefore = read(own, "officer." + SIBLING);
        HttpResponse<String> moved = api().send("PUT", BASE + "/registrations/" + own, owned(province, OWN,
                "Bản nháp của Ngọc Hà " + RUN, organisation, null), "officer." + SIBLING);
        HttpResponse<String> movedUnknown = api().send("PUT", BASE + "/registrations/" + own, owned(province, OWN,
                "Bản nháp của Ngọc Hà " + RUN, unknown, null), "officer." + SIBLING);
        assertProblem(moved, 422, "registration-campaign-unit-fixed");
        assertThat(answer(moved)).isEqualTo(answer(movedUnknown));
        assertThat(read(own, "officer." + SIBLING)).isEqualTo(ownBefore);

        // The organisation itself answers as missing; a name alike in Ngọc Hà is Ngọc Hà's own, and reveals nothing.
        assertProblem(api().send("PUT", BASE + "/organisations/" + organisation,
                "{\"kind\":\"OTHER\",\"name\":\"Đổi tên\"}", "coordinator." + SIBLING), 404, "organisation-not-found");
        assertProblem(api().send("POST", BASE + "/organisations/" + organisation + "/retire", null,
                "coordinator." + SIBLING), 404, "organisation-not-found");
        assertThat(api().send("POST", BASE + "/units/" + SIBLING + "/organisations",
                "{\"kind\":\"VETERANS_ASSOCIATION\",\"name\":\"" + name + "\"}", "coordinator." + SIBLING)
                .statusCode()).isEqualTo(201);
        assertThat(api().send("GET", BASE + "/organisations/" + organisation, null, "officer." + OWN).body())
                .as("Ba Đình's organisation as it was").isEqualTo(before);
    }

    @Test
    void aSiblingComposesOnlyItsOwnBlockWhateverMemberIdsItSends() throws Exception {
        String block = """
                {"name":"Khối dân vận phường Ba Đình %s","members":[
                 {"name":"Trần Văn Hùng","position":"Bí thư Đảng ủy","role":"LEADER"},
                 {"name":"Lê Thị Lan","position":"Chủ tịch Ủy ban MTTQ","role":"MEMBER"}]}""".formatted(RUN);
        assertThat(api().send("PUT", BASE + "/units/" + OWN + "/block", block, "officer." + OWN).statusCode())
                .isEqualTo(200);
        HttpResponse<String> kept = api().send("GET", BASE + "/units/" + OWN + "/block", null, "officer." + OWN);
        JsonNode members = RegistrationApi.json(kept).get("members");

        assertProblem(api().send("PUT", BASE + "/units/" + OWN + "/block", block, "coordinator." + SIBLING), 403,
                "unit-outside-scope");
        // Ba Đình's member ids sent in Ngọc Hà's own block: they name members of Ngọc Hà's block only.
        String taken = """
                {"members":[{"id":"%s","name":"Kẻ Mạo Danh","position":"Bí thư Đảng ủy","role":"LEADER"},
                 {"id":"%s","name":"Người Thứ Hai","role":"MEMBER"}]}"""
                .formatted(members.get(0).get("id").asString(), members.get(1).get("id").asString());
        HttpResponse<String> composed = api().send("PUT", BASE + "/units/" + SIBLING + "/block", taken,
                "coordinator." + SIBLING);
        assertThat(composed.statusCode()).as(composed.body()).isEqualTo(200);
        assertThat(RegistrationApi.json(composed).get("unitCode").asString()).isEqualTo(SIBLING);
        assertThat(composed.body()).doesNotContain("Trần Văn Hùng", "Lê Thị Lan", "Ba Đình");

        assertThat(api().send("GET", BASE + "/units/" + OWN + "/block", null, "officer." + OWN).body())
                .as("Ba Đình's block as it was").isEqualTo(kept.body());
    }

    @Test
    void anOldWardCarriedByTwoWardsLetsNeitherCountTheOthersRecordAsItsOwn() throws Exception {
        // Old Ngọc Hà (00016) went partly into Ba Đình and partly into Ngọc Hà: both carry its records.
        importOldCatalog("admin.01", "01,Thành phố Hà Nội,001,Quận Ba Đình,00016,Phường Ngọc Hà");
        String campaign = api().launchCampaign("coordinator.01", """
                {"unitCode":"01","year":2023,"title":"Dân vận khéo 2023 %s","levels":["COMMUNE","DISTRICT"],
                 "fields":["ECONOMY","CULTURE_SOCIETY","DEFENSE_SECURITY","POLITICAL_SYSTEM"],
                 "opens":"2023-03-01","closes":"2023-05-31","quotas":[]}""".formatted(RUN));
        String title = "Khu phố văn minh Ngọc Hà " + RUN;
        HttpResponse<String> entered = api().send("POST", BASE + "/registrations", """
                {"campaignId":"%s","unitCode":"%s","formerUnitCode":"00016","title":"%s","kind":"COLLECTIVE",
                 "field":"ECONOMY"}""".formatted(campaign, OWN, title), "officer." + OWN);
        String theirs = created(entered);
        String before = read(theirs);

        String sheet = String.join("\n", SHEET_HEADER,
                SIBLING + "," + title + ",Tập thể,Kinh tế,,,,,,,,,00016",
                OWN + "," + title + ",Tập thể,Kinh tế,,,,,Đổi mô tả,,,,00016") + "\n";
        HttpResponse<String> imported = api().upload(BASE + "/campaigns/" + campaign + "/registration-imports",
                "ho-so-2023.csv", sheet.getBytes(StandardCharsets.UTF_8), "officer." + SIBLING);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode result = RegistrationApi.json(imported);
        assertThat(result.get("created").asInt()).isZero();
        assertThat(result.get("alreadyRegistered").asInt()).as("Ba Đình's record is not Ngọc Hà's").isZero();
        assertThat(result.get("rejected").valueStream().map(r -> r.get("row").asInt()).toList())
                .containsExactly(2, 3);
        assertThat(result.at("/rejected/0/reasons").toString()).as("the old ward's title rule, as the API answers")
                .contains("đã đăng ký mô hình");
        assertThat(result.at("/rejected/1/reasons").toString()).contains(OUTSIDE);
        assertThat(imported.body()).doesNotContain(theirs);

        assertThat(read(theirs)).as("Ba Đình's record as it was").isEqualTo(before);
        // Ba Đình's own import of the same row still finds its record.
        HttpResponse<String> again = api().upload(BASE + "/campaigns/" + campaign + "/registration-imports",
                "ho-so-2023.csv", (SHEET_HEADER + "\n" + OWN + "," + title + ",Tập thể,Kinh tế,,,,,,,,,00016\n")
                        .getBytes(StandardCharsets.UTF_8), "officer." + OWN);
        assertThat(RegistrationApi.json(again).get("alreadyRegistered").asInt()).as(again.body()).isEqualTo(1);
    }

    @Test
    void anImportOfTheOldCatalogRewritesNoOldUnitOutsideTheImportersProvince() throws Exception {
        importOldCatalog("admin.01", "01,Thành phố Hà Nội,001,Quận Ba Đình,00004,Phường Trúc Bạch");
        // Old Cao Bằng, imported by its own administrator.
        seed("P04", "PROVINCE", "04", "Tỉnh Cao Bằng", null, "04");
        seed("D040", "DISTRICT", "040", "Thành phố Cao Bằng", "04", "04");
        seed("C01273", "COMMUNE", "01273", "Phường Hợp Giang", "040", "04");
        JsonNode trucBach = historical("00004");
        JsonNode caoBang = historical("040");
        JsonNode hopGiang = historical("01273");

        // Ngọc Hà's administrator renaming old Trúc Bạch, which went into Ba Đình.
        HttpResponse<String> sibling = importOldCatalog("admin." + SIBLING,
                "01,Thành phố Hà Nội,001,Quận Ba Đình,00004,Phường Mạo Danh");
        assertThat(RegistrationApi.json(sibling).at("/rejected/0/reasons").toString()).contains("ngoài phạm vi");

        // Hà Nội's administrator, with rows under Hà Nội that name Cao Bằng's district and communes.
        HttpResponse<String> province = importOldCatalog("admin.01",
                "01,Thành phố Hà Nội,040,Quận Mạo Danh,00004,Phường Trúc Bạch",
                "01,Thành phố Hà Nội,001,Quận Ba Đình,01273,Phường Mạo Danh",
                "01,Thành phố Hà Nội,001,Quận Ba Đình,01267,Phường Mạo Danh",
                "01,Thành phố Hà Nội,001,Quận Ba Đình,00013,Phường Quán Thánh");
        JsonNode result = RegistrationApi.json(province);
        assertThat(result.get("rejected").valueStream().map(r -> r.get("row").asInt()).toList())
                .containsExactly(2, 3, 4);
        assertThat(result.at("/rejected/0/reasons").toString()).contains("Mã huyện: 040 ngoài phạm vi");
        assertThat(result.at("/rejected/1/reasons").toString()).contains("Mã xã: 01273 ngoài phạm vi");
        assertThat(result.at("/rejected/2/reasons").toString()).as("not stored yet, but went into Cao Bằng")
                .contains("Mã xã: 01267 ngoài phạm vi");
        assertThat(result.get("communes").asInt()).as("Hà Nội's own row goes in").isEqualTo(1);

        assertThat(historical("00004")).isEqualTo(trucBach);
        assertThat(historical("040")).isEqualTo(caoBang);
        assertThat(historical("01273")).isEqualTo(hopGiang);
        assertThat(api().send("GET", BASE + "/units/historical/01267", null, "viewer." + OWN).statusCode())
                .isEqualTo(404);
    }

    private HttpResponse<String> importOldCatalog(String admin, String... rows) throws Exception {
        String csv = "Mã tỉnh,Tên tỉnh,Mã huyện,Tên huyện,Mã xã,Tên xã\n" + String.join("\n", rows) + "\n";
        HttpResponse<String> imported = api().upload(BASE + "/units/historical-imports", "don-vi-cu.csv",
                csv.getBytes(StandardCharsets.UTF_8), admin);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        return imported;
    }

    private void seed(String id, String level, String code, String name, String parent, String provinceCode) {
        mongo.save(new Document("_id", id).append("level", level).append("code", code).append("name", name)
                .append("parentCode", parent).append("provinceCode", provinceCode)
                .append("successors", List.of()).append("importedBy", "admin.04")
                .append("importedAt", java.util.Date.from(Instant.parse("2026-01-05T00:00:00Z"))),
                "historical_units");
    }

    private JsonNode historical(String code) throws Exception {
        HttpResponse<String> found = api().send("GET", BASE + "/units/historical/" + code, null, "viewer." + OWN);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return RegistrationApi.json(found);
    }

    private static String owned(String campaign, String unit, String title, String organisationId, Boolean submit) {
        String owner = organisationId == null ? ""
                : ",\"owner\":{\"type\":\"ORGANISATION\",\"name\":\"Chủ thể\",\"organisationId\":\"" + organisationId
                        + "\"}";
        String draft = submit == null ? "" : ",\"submit\":" + submit;
        return RegistrationApi.form(campaign, unit, title, "COLLECTIVE", "ECONOMY").replace("}", owner + draft + "}");
    }

    /** A registration as its own ward's officer reads it. */
    private String read(String id) throws Exception {
        return read(id, "officer." + OWN);
    }

    private String read(String id, String user) throws Exception {
        HttpResponse<String> found = api().send("GET", BASE + "/registrations/" + id, null, user);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return found.body();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(RegistrationApi.json(response).get("code").asString()).isEqualTo(code);
    }

    /** What a problem answer says: status, code, title and detail. */
    private static String answer(HttpResponse<String> response) {
        JsonNode problem = RegistrationApi.json(response);
        return response.statusCode() + " " + problem.get("code").asString() + " " + problem.get("title").asString()
                + " " + problem.get("detail").asString();
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return RegistrationApi.json(response).get("id").asString();
    }
}
