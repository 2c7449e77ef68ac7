package vn.dvk.notification.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import vn.dvk.kit.testing.TestStack;
import vn.dvk.notification.NotificationApi;

/**
 * What the access matrix cannot see, since its fixtures are new objects: a write that matches an EXISTING object of
 * another unit. Phường Ngọc Hà (00008) tries to take Phường Ba Đình's (00004) recipient by importing a sheet that names
 * them, by entering them, and by renaming one of its own entries to them; Ba Đình's entry stays as it was and nothing
 * tells Ngọc Hà where it is. And a unit's inbox shows nobody's personal messages, not even to colleagues.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrossUnitWritesIT {

    private static final String TOPICS = "-cross-unit-it";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String HEADER = "Mã đơn vị,Tên đăng nhập,Họ và tên,Email,Điện thoại,Vai trò,Kênh nhận,"
            + "Ngôn ngữ,Giờ yên lặng";
    private static final String UNAVAILABLE = "Tên đăng nhập này không dùng được cho đơn vị của bạn. Nếu người này "
            + "đã chuyển về đơn vị của bạn, hãy đề nghị đơn vị cấp trên chuyển họ sang.";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "notification-cross-unit");
        registry.add("spring.cloud.stream.default.group", () -> "notification-cross-unit");
        NotificationApi.ownTopics(registry, TOPICS);
    }

    @Test
    void shouldLeaveAnotherUnitsRecipientAsItWasWhateverASiblingImportsOrEnters() throws Exception {
        NotificationApi api = new NotificationApi(port, TOPICS);
        String hoa = "hoa-" + RUN + "@badinh.example.vn";
        String attacker = "ke-la-" + RUN + "@example.vn";
        HttpResponse<String> entered = api.call("POST", "/recipients", "coordinator.00004", """
                {"unitCode":"00004","username":"officer.00004","name":"Nguyễn Thị Hoa","email":"%s",
                 "roles":["UNIT_OFFICER"],"channels":["INBOX","EMAIL"]}""".formatted(hoa));
        assertThat(entered.statusCode()).as(entered.body()).isEqualTo(201);
        String hoaId = NotificationApi.JSON.readTree(entered.body()).get("id").asString();
        String[] secrets = {"00004", "Nguyễn Thị Hoa", hoa, hoaId, "Ba Đình"};

        // A sheet naming Ba Đình's officer under Ngọc Hà, beside a row of Ngọc Hà's own.
        HttpResponse<String> imported = api.upload("/recipients/import", "coordinator.00008", "nguoi-nhan.csv",
                String.join("\n", HEADER,
                        "00008,officer.00004,Kẻ Mạo Danh," + attacker + ",,UNIT_OFFICER,\"INBOX, EMAIL\",vi,",
                        "00008,,Người Xem Ngọc Hà,xem-" + RUN + "@ngocha.example.vn,,VIEWER,EMAIL,vi,"));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode result = NotificationApi.JSON.readTree(imported.body());
        assertThat(result.get("updated").asInt()).as(imported.body()).isZero();
        assertThat(result.get("created").asInt()).as("Ngọc Hà's own row still goes in").isEqualTo(1);
        assertThat(result.get("rejected")).hasSize(1);
        assertThat(result.at("/rejected/0/row").asInt()).isEqualTo(2);
        assertThat(result.at("/rejected/0/reasons").toString()).isEqualTo("[\"" + UNAVAILABLE + "\"]");
        assertThat(imported.body()).as("nothing about Ba Đình's entry").doesNotContain(secrets);

        // Entered by hand: refused without naming the entry or its unit.
        HttpResponse<String> created = api.call("POST", "/recipients", "coordinator.00008", """
                {"unitCode":"00008","username":"officer.00004","name":"Kẻ Mạo Danh","email":"%s",
                 "roles":["UNIT_OFFICER"],"channels":["INBOX","EMAIL"]}""".formatted(attacker));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(409);
        assertThat(code(created)).isEqualTo("recipient-username-unavailable");
        assertThat(NotificationApi.JSON.readTree(created.body()).get("detail").asString()).isEqualTo(UNAVAILABLE);
        assertThat(created.body()).doesNotContain(secrets).doesNotContain("user:officer.00004");

        // One of Ngọc Hà's own entries renamed to Ba Đình's officer: refused alike, and left as it was.
        JsonNode own = api.get("/recipients?unitCode=00008&q=xem-" + RUN, "coordinator.00008").at("/content/0");
        assertThat(own.get("name").asString()).isEqualTo("Người Xem Ngọc Hà");
        HttpResponse<String> renamed = api.call("PUT", "/recipients/" + own.get("id").asString(),
                "coordinator.00008", """
                {"unitCode":"00008","username":"officer.00004","name":"Người Xem Ngọc Hà","email":"%s",
                 "roles":["VIEWER"],"channels":["EMAIL"]}""".formatted(attacker));
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(409);
        assertThat(code(renamed)).isEqualTo("recipient-username-unavailable");
        assertThat(renamed.body()).doesNotContain(secrets);
        JsonNode ownAfter = api.get("/recipients/" + own.get("id").asString(), "coordinator.00008");
        assertThat(ownAfter.has("username") && !ownAfter.get("username").isNull()).isFalse();
        assertThat(ownAfter.get("email").asString()).isEqualTo("xem-" + RUN + "@ngocha.example.vn");

        // Reaching the entry itself answers as for one that does not exist.
        HttpResponse<String> direct = api.call("PUT", "/recipients/" + hoaId, "coordinator.00008", """
                {"unitCode":"00008","username":"officer.00004","name":"Kẻ Mạo Danh","email":"%s",
                 "roles":["UNIT_OFFICER"],"channels":["INBOX","EMAIL"]}""".formatted(attacker));
        assertThat(direct.statusCode()).isEqualTo(404);
        assertThat(code(direct)).isEqualTo("recipient-not-found");

        // Ba Đình still has its officer, as entered; the officer sees their own entry unchanged.
        JsonNode kept = api.get("/recipients/" + hoaId, "coordinator.00004");
        assertThat(kept.get("unitCode").asString()).isEqualTo("00004");
        assertThat(kept.get("email").asString()).isEqualTo(hoa);
        assertThat(kept.get("name").asString()).isEqualTo("Nguyễn Thị Hoa");
        assertThat(NotificationApi.texts(api.get("/recipients?unitCode=00004", "coordinator.00004").get("content"),
                "id")).contains(hoaId);
        JsonNode mine = api.get("/recipients/me", "officer.00004");
        assertThat(mine.get("unitCode").asString()).isEqualTo("00004");
        assertThat(mine.get("email").asString()).isEqualTo(hoa);
        assertThat(api.get("/recipients?unitCode=00008", "coordinator.00008").get("content").toString())
                .as("nothing of the officer's in Ngọc Hà").doesNotContain("officer.00004").doesNotContain(attacker);

        // Within one's own unit a duplicate is still named, to be edited instead.
        HttpResponse<String> again = api.call("POST", "/recipients", "coordinator.00004", """
                {"unitCode":"00004","username":"officer.00004","name":"Nguyễn Thị Hoa","email":"%s",
                 "roles":["UNIT_OFFICER"],"channels":["INBOX"]}""".formatted(hoa));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(code(again)).isEqualTo("recipient-exists");

        // The province, which holds both wards, may move the officer to Ngọc Hà.
        HttpResponse<String> moved = api.upload("/recipients/import", "coordinator.01", "chuyen-don-vi.csv",
                String.join("\n", HEADER,
                        "00008,officer.00004,Nguyễn Thị Hoa," + hoa + ",,UNIT_OFFICER,\"INBOX, EMAIL\",vi,"));
        assertThat(NotificationApi.JSON.readTree(moved.body()).get("updated").asInt()).as(moved.body())
                .isEqualTo(1);
        assertThat(api.get("/recipients/me", "officer.00004").get("unitCode").asString()).isEqualTo("00008");
    }

    @Test
    void shouldKeepPeoplesMessagesOutOfTheirUnitsInbox() throws Exception {
        NotificationApi api = new NotificationApi(port, TOPICS);
        // Ngọc Hà's officer is in the directory (in-app inbox); nobody there takes decisions (coordinator, admin).
        HttpResponse<String> joined = api.call("PUT", "/recipients/me", "officer.00008", "{\"channels\":[\"INBOX\"]}");
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);

        String secret = "Mô hình được chấm kín " + RUN;
        api.publish("evaluation-events", "assigned-" + RUN, "vn.dvk.evaluation.reviewer-assigned.v1", Map.of(
                "roundId", "round-" + RUN, "registrationId", "assigned-" + RUN, "unitCode", "00004",
                "title", secret, "reviewer", "reviewer.00008", "reviewerUnitCode", "00008",
                "closes", LocalDate.now().plusDays(20).toString()));
        api.registration("submitted", "campaign-" + RUN, "00008", "submitted-" + RUN, "COLLECTIVE", "SUBMITTED",
                Instant.now(), "Tủ sách " + RUN);
        String decision = RUN + "/QĐ-UBND";
        api.publish("evaluation-events", "round-" + RUN, "vn.dvk.evaluation.decision-issued.v1", Map.of(
                "roundId", "round-" + RUN, "unitCode", "00008", "level", "COMMUNE", "number", decision));

        JsonNode assigned = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/inbox/mine",
                "reviewer.00008"), page -> NotificationApi.texts(page.get("content"), "type")
                .contains("REVIEWER_ASSIGNED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> NotificationApi.texts(api.get("/inbox/mine",
                "officer.00008").get("content"), "type"), types -> types.contains("REGISTRATION_SUBMITTED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> NotificationApi.texts(api.get("/inbox?unitCode=00008",
                "viewer.00008").get("content"), "type"), types -> types.contains("DECISION_ISSUED"));

        for (String colleague : List.of("viewer.00008", "officer.00008", "coordinator.00008", "admin.00008",
                "viewer.01")) {
            JsonNode unitInbox = api.get("/inbox?unitCode=00008", colleague);
            assertThat(NotificationApi.texts(unitInbox.get("content"), "type"))
                    .as("%s sees the unit's own message, and nobody's personal ones", colleague)
                    .containsExactly("DECISION_ISSUED");
            assertThat(unitInbox.toString()).as(colleague).doesNotContain(secret).doesNotContain("Tủ sách " + RUN);
        }

        // Nor can a colleague touch the reviewer's message: it answers as missing, and stays unread.
        String item = assigned.at("/content/0/id").asString();
        HttpResponse<String> read = api.call("POST", "/inbox/" + URLEncoder.encode(item, StandardCharsets.UTF_8)
                + "/read", "officer.00008", null);
        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(code(read)).isEqualTo("inbox-item-not-found");
        assertThat(api.get("/inbox/mine/unread-count", "reviewer.00008").get("unread").asInt()).isEqualTo(1);
    }

    private static String code(HttpResponse<String> response) {
        JsonNode code = NotificationApi.JSON.readTree(response.body()).get("code");
        return code == null ? null : code.asString();
    }
}
