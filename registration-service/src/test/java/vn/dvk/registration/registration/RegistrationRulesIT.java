package vn.dvk.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
import vn.dvk.kit.testing.Contracts;
import vn.dvk.kit.testing.KafkaProbe;
import vn.dvk.kit.testing.TestStack;
import vn.dvk.kit.text.VietnameseOrder;
import vn.dvk.registration.support.RegistrationApi;

/** The campaign's rules, enforced on the server and explained in Vietnamese, and the life of a registration. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistrationRulesIT {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "registration-rules");
    }

    private RegistrationApi api() {
        return new RegistrationApi(port);
    }

    private String openCampaign(String title, String quotas) throws Exception {
        return api().launchCampaign("coordinator.01", RegistrationApi.plan("01", title,
                RegistrationApi.today().minusDays(3), RegistrationApi.today().plusDays(30), quotas));
    }

    private HttpResponse<String> register(String campaignId, String unit, String title, String kind)
            throws Exception {
        return api().send("POST", "/api/registration/registrations",
                RegistrationApi.form(campaignId, unit, title, kind, "ECONOMY"), "officer." + unit);
    }

    private static String code(HttpResponse<String> response) {
        return RegistrationApi.json(response).path("code").asString();
    }

    @Test
    void aRegistrationIsReturnedFixedResubmittedAndApprovedWithAnEventForEveryStep() throws Exception {
        String campaignId = openCampaign("Phong trào vòng đời", "[]");
        HttpResponse<String> created = register(campaignId, "00004", "Tổ hòa giải ở cơ sở", "COLLECTIVE");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = RegistrationApi.json(created).get("id").asString();
        String path = "/api/registration/registrations/" + id;

        HttpResponse<String> notTheirs = api().send("POST", path + "/approve", null, "coordinator.00004");
        assertThat(notTheirs.statusCode()).as("the commune did not launch the campaign").isEqualTo(403);
        assertThat(code(notTheirs)).isEqualTo("registration-not-deciding-level");

        HttpResponse<String> returned = api().send("POST", path + "/return",
                "{\"reason\":\"Bổ sung số hộ tham gia\"}", "coordinator.01");
        assertThat(RegistrationApi.json(returned).get("status").asString()).isEqualTo("RETURNED");
        assertThat(RegistrationApi.json(returned).get("returnReason").asString()).isEqualTo("Bổ sung số hộ tham gia");
        String fixed = RegistrationApi.form(campaignId, "00004", "Tổ hòa giải ở cơ sở", "COLLECTIVE", "ECONOMY")
                .replace("}", ",\"goals\":\"120 hộ tham gia\"}");
        assertThat(api().send("PUT", path, fixed, "officer.00004").statusCode()).isEqualTo(200);
        assertThat(RegistrationApi.json(api().send("POST", path + "/submit", null, "officer.00004"))
                .get("status").asString()).isEqualTo("RESUBMITTED");
        JsonNode approved = RegistrationApi.json(api().send("POST", path + "/approve", null, "coordinator.01"));
        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.get("goals").asString()).isEqualTo("120 hộ tham gia");
        assertThat(approved.get("history").size()).isEqualTo(5);
        assertThat(code(api().send("POST", path + "/withdraw", null, "officer.00004")))
                .as("an approved model is not withdrawn").isEqualTo("registration-wrong-status");

        List<KafkaProbe.Received> events = new KafkaProbe(TestStack.get().kafkaBootstrapServers())
                .readUntil("registration-events", r -> id.equals(r.key())
                        && "vn.dvk.registration.approved.v1".equals(r.headers().get("ce_type")), Duration.ofSeconds(20))
                .stream().filter(r -> id.equals(r.key())).toList();
        // Delivery is at least once: a save racing the outbox relay may publish an event again, with the same ce_id.
        Map<String, KafkaProbe.Received> once = new java.util.LinkedHashMap<>();
        events.forEach(r -> once.putIfAbsent(r.headers().get("ce_id"), r));
        events = List.copyOf(once.values());
        assertThat(events).extracting(r -> r.headers().get("ce_type")).containsExactly(
                "vn.dvk.registration.submitted.v1", "vn.dvk.registration.returned.v1",
                "vn.dvk.registration.resubmitted.v1", "vn.dvk.registration.approved.v1");
        for (KafkaProbe.Received event : events) {
            assertThat(Contracts.violations(event.headers().get("ce_type"), event.value())).isEmpty();
        }
    }

    @Test
    void aQuotaOfTenHoldsUnderFiftyConcurrentSubmissionsAndAWithdrawalFreesAPlace() throws Exception {
        String campaignId = openCampaign("Phong trào chỉ tiêu",
                "[{\"unitKind\":\"COMMUNE\",\"kind\":\"COLLECTIVE\",\"limit\":10}]");
        List<Callable<HttpResponse<String>>> submissions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String title = "Mô hình đồng thời số " + i;
            submissions.add(() -> register(campaignId, "00004", title, "COLLECTIVE"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<HttpResponse<String>> answers = new ArrayList<>();
        try {
            for (Future<HttpResponse<String>> answer : pool.invokeAll(submissions)) {
                answers.add(answer.get());
            }
        } finally {
            pool.shutdown();
        }
        List<HttpResponse<String>> accepted = answers.stream().filter(r -> r.statusCode() == 201).toList();
        assertThat(accepted).hasSize(10);
        assertThat(answers.stream().filter(r -> r.statusCode() == 409).map(RegistrationRulesIT::code))
                .hasSize(40).containsOnly("registration-quota-full");
        assertThat(mongo.count(new Query(Criteria.where("campaignId").is(campaignId).and("status").is("SUBMITTED")),
                Registration.class)).isEqualTo(10);
        HttpResponse<String> full = register(campaignId, "00004", "Mô hình thứ mười một", "COLLECTIVE");
        assertThat(RegistrationApi.json(full).get("detail").asString())
                .isEqualTo("Đơn vị đã đăng ký đủ 10 mô hình tập thể theo chỉ tiêu của đợt này.");
        assertThat(register(campaignId, "00004", "Cá nhân tiêu biểu", "INDIVIDUAL").statusCode())
                .as("individual models have no quota here").isEqualTo(201);
        assertThat(register(campaignId, "00008", "Mô hình của phường bên", "COLLECTIVE").statusCode())
                .as("each unit has its own quota").isEqualTo(201);

        JsonNode quota = RegistrationApi.json(api().send("GET", "/api/registration/campaigns/" + campaignId
                + "/quota-status?unitCode=00004", null, "viewer.00004"));
        assertThat(quota.toString()).contains("{\"kind\":\"COLLECTIVE\",\"registered\":10,\"allowed\":10}")
                .contains("{\"kind\":\"INDIVIDUAL\",\"registered\":1,\"allowed\":null}");

        String first = RegistrationApi.json(accepted.get(0)).get("id").asString();
        assertThat(api().send("POST", "/api/registration/registrations/" + first + "/withdraw", null,
                "officer.00004").statusCode()).isEqualTo(200);
        assertThat(register(campaignId, "00004", "Mô hình thứ mười một", "COLLECTIVE").statusCode())
                .as("the withdrawn model's place is free").isEqualTo(201);
    }

    @Test
    void theSameTitleIgnoringAccentsCaseAndSpacingIsRefusedInTheSameCampaignAndUnit() throws Exception {
        String campaignId = openCampaign("Phong trào chống trùng", "[]");
        assertThat(register(campaignId, "00004", "Nuôi ong lấy mật", "COLLECTIVE").statusCode()).isEqualTo(201);
        HttpResponse<String> again = register(campaignId, "00004", "  nuoi ONG   lay mat ", "INDIVIDUAL");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(code(again)).isEqualTo("registration-duplicate");
        assertThat(RegistrationApi.json(again).get("title").asString()).isEqualTo("Mô hình đã được đăng ký");
        assertThat(register(campaignId, "00008", "Nuôi ong lấy mật", "COLLECTIVE").statusCode())
                .as("another unit may use the title").isEqualTo(201);
    }

    @Test
    void outsideTheWindowRefusesAndAnExtensionReopensIt() throws Exception {
        String campaignId = api().launchCampaign("coordinator.01", RegistrationApi.plan("01", "Phong trào đã hết hạn",
                RegistrationApi.today().minusDays(20), RegistrationApi.today().minusDays(1), "[]"));
        HttpResponse<String> late = register(campaignId, "00004", "Đăng ký muộn", "COLLECTIVE");
        assertThat(late.statusCode()).isEqualTo(422);
        assertThat(code(late)).isEqualTo("registration-window-closed");
        assertThat(RegistrationApi.json(late).get("detail").asString()).contains(
                RegistrationApi.today().minusDays(1).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        assertThat(mongo.count(new Query(Criteria.where("campaignId").is(campaignId)), Registration.class))
                .as("a refusal stores nothing").isZero();

        HttpResponse<String> extended = api().send("POST", "/api/registration/campaigns/" + campaignId
                + "/extensions", "{\"closes\":\"" + RegistrationApi.today().plusDays(7)
                + "\",\"reason\":\"Các xã mới sáp nhập cần thêm thời gian\"}", "coordinator.01");
        assertThat(extended.statusCode()).isEqualTo(200);
        assertThat(RegistrationApi.json(extended).at("/extensions/0/reason").asString())
                .isEqualTo("Các xã mới sáp nhập cần thêm thời gian");
        assertThat(register(campaignId, "00004", "Đăng ký muộn", "COLLECTIVE").statusCode()).isEqualTo(201);

        KafkaProbe.Received event = new KafkaProbe(TestStack.get().kafkaBootstrapServers()).awaitRecord(
                "campaign-events", r -> campaignId.equals(r.key())
                        && "vn.dvk.campaign.window-extended.v1".equals(r.headers().get("ce_type")),
                Duration.ofSeconds(20));
        assertThat(Contracts.violations("vn.dvk.campaign.window-extended.v1", event.value())).isEmpty();
    }

    @Test
    void fieldsAndLevelsMustBeOpenAndADraftTakesNoPlaceUntilSubmitted() throws Exception {
        String campaignId = api().launchCampaign("coordinator.01", """
                {"unitCode":"01","year":%d,"title":"Phong trào kinh tế","levels":["COMMUNE"],"fields":["ECONOMY"],
                 "opens":"%s","closes":"%s",
                 "quotas":[{"unitKind":"COMMUNE","kind":"COLLECTIVE","limit":1}]}"""
                .formatted(RegistrationApi.today().getYear(), RegistrationApi.today().minusDays(1),
                        RegistrationApi.today().plusDays(5)));
        HttpResponse<String> wrongField = api().send("POST", "/api/registration/registrations",
                RegistrationApi.form(campaignId, "00004", "An ninh khu phố", "COLLECTIVE", "DEFENSE_SECURITY"),
                "officer.00004");
        assertThat(code(wrongField)).isEqualTo("registration-field-not-open");
        HttpResponse<String> province = api().send("POST", "/api/registration/registrations",
                RegistrationApi.form(campaignId, "01", "Mô hình cấp tỉnh", "COLLECTIVE", "ECONOMY"), "officer.01");
        assertThat(code(province)).as("the province registers at province level, not open here")
                .isEqualTo("registration-level-not-open");

        String draft = RegistrationApi.form(campaignId, "00004", "Bản nháp", "COLLECTIVE", "ECONOMY")
                .replace("}", ",\"submit\":false}");
        JsonNode drafted = RegistrationApi.json(api().send("POST", "/api/registration/registrations", draft,
                "officer.00004"));
        assertThat(drafted.get("status").asString()).isEqualTo("DRAFT");
        assertThat(register(campaignId, "00004", "Mô hình gửi ngay", "COLLECTIVE").statusCode())
                .as("the draft took no place").isEqualTo(201);
        HttpResponse<String> submitDraft = api().send("POST", "/api/registration/registrations/"
                + drafted.get("id").asString() + "/submit", null, "officer.00004");
        assertThat(code(submitDraft)).isEqualTo("registration-quota-full");
        assertThat(Map.of("status", RegistrationApi.json(api().send("GET", "/api/registration/registrations/"
                + drafted.get("id").asString(), null, "officer.00004")).get("status").asString()))
                .containsEntry("status", "DRAFT");
    }

    @Test
    void searchFindsTitlesWhateverTheirAccentsAndListsThemInVietnameseOrder() throws Exception {
        String campaignId = openCampaign("Phong trào tìm kiếm", "[]");
        for (String title : List.of("Nuôi ong lấy mật", "Đường hoa tự quản", "Dân vận khéo trong cải cách hành chính",
                "Ăn sạch sống khỏe", "An toàn giao thông", "Nuôi cá lồng")) {
            assertThat(register(campaignId, "00004", title, "COLLECTIVE").statusCode()).isEqualTo(201);
        }
        JsonNode found = RegistrationApi.json(api().send("GET", "/api/registration/registrations?campaignId="
                + campaignId + "&q=nuoi%20ong", null, "viewer.01"));
        assertThat(found.get("totalElements").asInt()).isEqualTo(1);
        assertThat(found.at("/content/0/title").asString()).isEqualTo("Nuôi ong lấy mật");
        assertThat(RegistrationApi.json(api().send("GET", "/api/registration/registrations?campaignId=" + campaignId
                + "&q=NU%C3%94I", null, "viewer.01")).get("totalElements").asInt()).isEqualTo(2);

        JsonNode sorted = RegistrationApi.json(api().send("GET", "/api/registration/registrations?campaignId="
                + campaignId + "&sort=title&size=3", null, "viewer.01"));
        List<String> titles = new ArrayList<>();
        sorted.get("content").forEach(r -> titles.add(r.get("title").asString()));
        assertThat(titles).containsExactly("An toàn giao thông", "Ăn sạch sống khỏe",
                "Dân vận khéo trong cải cách hành chính");
        assertThat(sorted.get("totalElements").asInt()).isEqualTo(6);
        JsonNode secondPage = RegistrationApi.json(api().send("GET", "/api/registration/registrations?campaignId="
                + campaignId + "&sort=title&size=3&page=1", null, "viewer.01"));
        assertThat(secondPage.at("/content/0/title").asString()).isEqualTo("Đường hoa tự quản");
        assertThat(code(api().send("GET", "/api/registration/registrations?sort=colour", null, "viewer.01")))
                .isEqualTo("sort-unknown");
    }

    @Test
    void aRegistrationSavedByAnotherReplicaIsFoundHereOnceItsEventArrives() throws Exception {
        String campaignId = openCampaign("Phong trào nhiều bản sao", "[]");
        String id = RegistrationApi.json(register(campaignId, "00004", "Tủ sách cộng đồng", "COLLECTIVE"))
                .get("id").asString();
        // Another replica saves a registration: the document appears in the database, unseen by this replica...
        org.bson.Document copy = mongo.getCollection("registrations").find(new org.bson.Document("_id", id)).first();
        String otherId = id + "-other";
        copy.put("_id", otherId);
        copy.put("titleKey", TitleKey.of("Câu lạc bộ dưỡng sinh"));
        copy.put("sortKey", VietnameseOrder.sortKey("Câu lạc bộ dưỡng sinh"));
        mongo.getCollection("registrations").insertOne(copy);
        String search = "/api/registration/registrations?campaignId=" + campaignId + "&q=duong%20sinh";
        assertThat(RegistrationApi.json(api().send("GET", search, null, "viewer.01")).get("totalElements").asInt())
                .isZero();
        // ...until its event arrives on the topic every replica follows.
        new KafkaProbe(TestStack.get().kafkaBootstrapServers()).send("registration-events", otherId,
                Map.of("ce_type", "vn.dvk.registration.submitted.v1", "ce_id", otherId), "{}");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> RegistrationApi
                .json(api().send("GET", search, null, "viewer.01")).get("totalElements").asInt() == 1);
    }

    @Test
    void anIssuedOutcomeRecognisesOrCommendsARunningModelOnceAndNeverDowngradesIt() throws Exception {
        String campaignId = openCampaign("Phong trào khen thưởng", "[]");
        String id = RegistrationApi.json(register(campaignId, "00004", "Bữa cơm nghĩa tình", "COLLECTIVE"))
                .get("id").asString();
        api().send("POST", "/api/registration/registrations/" + id + "/approve", null, "coordinator.01");
        String example = Contracts.example(OUTCOME);
        String commended = example.replace(RegistrationApi.JSON.readTree(example).get("registrationId").asString(), id);
        KafkaProbe kafka = new KafkaProbe(TestStack.get().kafkaBootstrapServers());
        String eventId = java.util.UUID.randomUUID().toString();
        kafka.send("evaluation-events", id, KafkaProbe.cloudEvent(eventId, OUTCOME, EVALUATION), commended);
        // Redelivered, and followed by a lower outcome of another round: recorded, never a step down.
        kafka.send("evaluation-events", id, KafkaProbe.cloudEvent(eventId, OUTCOME, EVALUATION), commended);
        kafka.send("evaluation-events", id, KafkaProbe.cloudEvent(java.util.UUID.randomUUID().toString(), OUTCOME,
                EVALUATION), commended.replace("\"COMMENDED\"", "\"RECOGNISED\"").replace("1234/QĐ", "77/QĐ"));

        JsonNode registration = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> RegistrationApi.json(api().send("GET", "/api/registration/registrations/" + id, null,
                        "viewer.01")), r -> r.get("outcomes").size() == 2);
        assertThat(registration.get("status").asString()).isEqualTo("COMMENDED");
        assertThat(registration.get("outcomes").valueStream().map(o -> o.get("decisionNumber").asString()).toList())
                .containsExactly("1234/QĐ-UBND", "77/QĐ-UBND");
        assertThat(RegistrationApi.json(api().send("GET", "/api/registration/registrations?campaignId=" + campaignId
                + "&status=COMMENDED", null, "viewer.01")).get("totalElements").asInt()).isEqualTo(1);

        KafkaProbe.Received event = kafka.awaitRecord("registration-events", r -> id.equals(r.key())
                && "vn.dvk.registration.commended.v1".equals(r.headers().get("ce_type")), Duration.ofSeconds(20));
        assertThat(Contracts.violations("vn.dvk.registration.commended.v1", event.value())).isEmpty();
        assertThat(RegistrationApi.JSON.readTree(event.value()).at("/outcome/issuingBody").asString())
                .isEqualTo("Ủy ban nhân dân Thành phố Hà Nội");
    }

    private static final String OUTCOME = "vn.dvk.evaluation.outcome-issued.v1";
    private static final String EVALUATION = "urn:dvk:evaluation-service";

    @Test
    void ownersReportProgressAndReplicationAndTheLateOnesAreListed() throws Exception {
        java.time.LocalDate today = RegistrationApi.today();
        String campaignId = api().launchCampaign("coordinator.01", RegistrationApi.plan("01", "Phong trào tiến độ",
                today.minusDays(10), today.plusDays(30), "[]").replace("}",
                ",\"progressReportsDue\":[\"" + today.plusDays(30) + "\",\"" + today.minusDays(1) + "\"]}"));
        List<String> ids = new ArrayList<>();
        for (String title : List.of("Vườn rau sạch", "Sân chơi thiếu nhi")) {
            String form = RegistrationApi.form(campaignId, "00004", title, "COLLECTIVE", "ECONOMY").replace("}",
                    ",\"indicators\":[{\"name\":\"Số hộ tham gia\",\"unitOfMeasure\":\"hộ\",\"baseline\":0,"
                            + "\"target\":100}]}");
            String id = RegistrationApi.json(api().send("POST", "/api/registration/registrations", form,
                    "officer.00004")).get("id").asString();
            assertThat(api().send("POST", "/api/registration/registrations/" + id + "/approve", null,
                    "coordinator.01").statusCode()).isEqualTo(200);
            ids.add(id);
        }
        String reports = "/api/registration/registrations/" + ids.get(0) + "/progress-reports";
        HttpResponse<String> reported = api().send("POST", reports, "{\"reportedOn\":\"" + today.minusDays(2)
                + "\",\"indicators\":[{\"name\":\"so ho tham gia\",\"actual\":42}],"
                + "\"narrative\":\"42 hộ đã tham gia, thu 3 tấn rau\"}", "officer.00004");
        assertThat(reported.statusCode()).isEqualTo(201);
        assertThat(RegistrationApi.json(reported).at("/indicators/0/actual").asInt())
                .as("the report's actual becomes the indicator's").isEqualTo(42);
        HttpResponse<String> replicated = api().send("POST", "/api/registration/registrations/" + ids.get(0)
                + "/replications", "{\"place\":\"Phường Ngọc Hà\",\"unitCode\":\"00008\",\"households\":35,"
                + "\"hectares\":2.5}", "officer.00004");
        assertThat(RegistrationApi.json(replicated).at("/replications/0/households").asInt()).isEqualTo(35);

        JsonNode due = RegistrationApi.json(api().send("GET", "/api/registration/campaigns/" + campaignId
                + "/progress-due?unitCode=00004", null, "coordinator.01"));
        assertThat(due.get("due").asString()).as("the latest day passed").isEqualTo(today.minusDays(1).toString());
        assertThat(due.get("reported").asInt()).isEqualTo(1);
        assertThat(due.get("late").size()).isEqualTo(1);
        assertThat(due.at("/late/0/title").asString()).isEqualTo("Sân chơi thiếu nhi");

        HttpResponse<String> notRunning = api().send("POST", "/api/registration/registrations/"
                + RegistrationApi.json(register(campaignId, "00004", "Chưa được duyệt", "COLLECTIVE")).get("id")
                .asString() + "/progress-reports", "{\"reportedOn\":\"" + today + "\",\"narrative\":\"x\"}",
                "officer.00004");
        assertThat(code(notRunning)).as("only running models report").isEqualTo("registration-wrong-status");

        for (String type : List.of("vn.dvk.registration.progress-reported.v1", "vn.dvk.registration.replicated.v1")) {
            KafkaProbe.Received event = new KafkaProbe(TestStack.get().kafkaBootstrapServers()).awaitRecord(
                    "registration-events", r -> ids.get(0).equals(r.key()) && type.equals(r.headers().get("ce_type")),
                    Duration.ofSeconds(20));
            assertThat(Contracts.violations(type, event.value())).isEmpty();
        }
    }

    @Test
    void theUnitCatalogFindsUnitsByNameWhateverTheirAccentsInVietnameseOrder() throws Exception {
        JsonNode found = RegistrationApi.json(api().send("GET", "/api/registration/units?q=ba%20dinh", null,
                "officer.00008"));
        assertThat(found.at("/content/0/code").asString()).isEqualTo("00004");
        assertThat(found.at("/content/0/name").asString()).isEqualTo("Phường Ba Đình");
        JsonNode unit = RegistrationApi.json(api().send("GET", "/api/registration/units/00004", null, "viewer.00008"));
        assertThat(unit.at("/path/0/name").asString()).isEqualTo("Thành phố Hà Nội");
        JsonNode provinces = RegistrationApi.json(api().send("GET", "/api/registration/units?size=100", null,
                "viewer.00008"));
        assertThat(provinces.get("totalElements").asInt()).isEqualTo(34);
        List<String> names = new ArrayList<>();
        provinces.get("content").forEach(p -> names.add(p.get("name").asString()));
        assertThat(names.indexOf("Thành phố Đà Nẵng")).as("Đ after C and before H, not after Z as in Unicode")
                .isGreaterThan(names.indexOf("Thành phố Cần Thơ")).isLessThan(names.indexOf("Thành phố Hà Nội"));
        assertThat(code(api().send("GET", "/api/registration/units/99999", null, "viewer.01")))
                .isEqualTo("unit-not-found");
    }
}
