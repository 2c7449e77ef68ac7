package vn.dvk.notification.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import vn.dvk.localstack.MailServer.ReceivedMail;
import vn.dvk.kit.testing.TestStack;
import vn.dvk.notification.NotificationApi;

/**
 * A campaign's registration window closing: exactly the units below their quota are reminded, in the inbox and by
 * e-mail over real SMTP, at the campaign's offsets; units at quota hear nothing; a unit that files what it lacked
 * has its pending reminders cancelled.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dvk.notification.dispatch.poll-interval=PT0.2S", "dvk.notification.dispatch.slot=PT1S"})
class WindowRemindersIT {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String HOA = "hoa-" + RUN + "@badinh.example.vn";
    private static final String NAM = "nam-" + RUN + "@ngocha.example.vn";
    private static final String MAI = "mai-" + RUN + "@giangvo.example.vn";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "notification-reminders");
        registry.add("spring.cloud.stream.default.group", () -> "notification-reminders");
    }

    @Test
    void shouldRemindExactlyTheUnitsBelowQuotaAndCancelWhatTheyFiled() throws Exception {
        NotificationApi api = new NotificationApi(port);
        String csv = String.join("\n", "Mã đơn vị,Tên đăng nhập,Họ và tên,Email,Điện thoại,Vai trò,Kênh nhận,Ngôn ngữ,"
                        + "Giờ yên lặng",
                "00004,officer.00004,Nguyễn Thị Hoa," + HOA + ",,UNIT_OFFICER,\"INBOX, EMAIL\",vi,",
                "00008,officer.00008,Trần Văn Nam," + NAM + ",,UNIT_OFFICER,\"INBOX, EMAIL\",vi,",
                "00025,,Lê Thị Mai," + MAI + ",,COORDINATOR,EMAIL,en,",
                "00025,,Không Có Số,khong-" + RUN + "@example.vn,,UNIT_OFFICER,SMS,vi,");
        JsonNode imported = NotificationApi.JSON.readTree(api.upload("/recipients/import", "admin.01", "nguoi-nhan.csv",
                csv).body());
        assertThat(imported.get("created").asInt()).as(imported.toString()).isEqualTo(3);
        assertThat(imported.at("/rejected/0/row").asInt()).isEqualTo(5);
        assertThat(imported.at("/rejected/0/reasons/0").asString())
                .isEqualTo("Nhận qua SMS hoặc Zalo thì phải có số điện thoại.");
        JsonNode again = NotificationApi.JSON.readTree(api.upload("/recipients/import", "admin.01", "nguoi-nhan.csv",
                csv).body());
        assertThat(again.get("unchanged").asInt()).as("importing the same sheet again changes nothing").isEqualTo(3);

        String campaign = UUID.randomUUID().toString();
        LocalDate closes = LocalDate.now(VIETNAM).plusDays(10);
        Instant at = Instant.now().minusSeconds(3600);
        // Ngọc Hà fills its quota (2 collective, 1 individual); Ba Đình has one collective model, and one withdrawn.
        api.registration("submitted", campaign, "00008", "r8-1-" + RUN, "COLLECTIVE", "SUBMITTED", at);
        api.registration("approved", campaign, "00008", "r8-2-" + RUN, "COLLECTIVE", "APPROVED", at);
        api.registration("submitted", campaign, "00008", "r8-3-" + RUN, "INDIVIDUAL", "SUBMITTED", at);
        api.registration("submitted", campaign, "00004", "r4-1-" + RUN, "COLLECTIVE", "SUBMITTED", at);
        api.registration("withdrawn", campaign, "00004", "r4-2-" + RUN, "COLLECTIVE", "WITHDRAWN", at.plusSeconds(60));
        api.registration("submitted", campaign, "00004", "r4-2-" + RUN, "COLLECTIVE", "SUBMITTED", at);
        api.launch(campaign, "01", closes, 2, 1);

        String reminders = "/reminders?campaignId=" + campaign + "&unitCode=";
        JsonNode planned = await().atMost(Duration.ofSeconds(30)).until(() -> api.get(reminders + "00004",
                "coordinator.01"), page -> page.get("totalElements").asInt() == 3);
        assertThat(NotificationApi.texts(planned.get("content"), "offset")).containsExactly("P7D", "P3D", "P1D");
        assertThat(Instant.parse(planned.at("/content/0/dueAt").asString()))
                .as("seven days before the last day, at 08:00 in Vietnam")
                .isEqualTo(closes.minusDays(7).atTime(8, 0).atZone(VIETNAM).toInstant());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(NotificationApi.texts(
                api.get(reminders + "00008", "coordinator.01").get("content"), "status"))
                .as("a unit at its quota has nothing to be reminded of").containsOnly("CANCELLED"));
        assertThat(NotificationApi.texts(api.get(reminders + "00004", "coordinator.01").get("content"), "status"))
                .containsOnly("PENDING");

        // The province reminds a month and nine days ahead: the first is late, and goes at once; the second waits.
        HttpResponse<String> set = api.call("PUT", "/campaigns/" + campaign + "/reminder-offsets", "coordinator.01",
                "{\"offsets\":[\"P9D\",\"P30D\"]}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(NotificationApi.JSON.readTree(set.body()).get("offsets").toString()).isEqualTo("[\"P30D\",\"P9D\"]");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(api.statusByOffset(reminders + "00008")).containsEntry("P30D", "SKIPPED");
            assertThat(api.statusByOffset(reminders + "00004")).containsEntry("P30D", "SENT");
            assertThat(api.statusByOffset(reminders + "00025")).containsEntry("P30D", "SENT");
            assertThat(api.statusByOffset(reminders + "00070")).containsEntry("P30D", "SENT");
        });
        ReceivedMail toHoa = await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(HOA), m -> m.size() == 1)
                .get(0);
        assertThat(toHoa.subject()).isEqualTo("Còn 10 ngày để đăng ký mô hình \"Dân vận khéo\"");
        assertThat(toHoa.body()).contains("Kính gửi Phường Ba Đình")
                .contains("còn có thể đăng ký 1 mô hình tập thể và 1 mô hình cá nhân");
        assertThat(await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(MAI), m -> m.size() == 1).get(0)
                .subject()).as("in the recipient's language").isEqualTo("10 days left to register models");
        assertThat(mailsTo(NAM)).as("Ngọc Hà is at its quota").isEmpty();

        JsonNode hoaInbox = api.get("/inbox/mine", "officer.00004");
        assertThat(NotificationApi.texts(hoaInbox.get("content"), "type")).as("and two submissions confirmed")
                .containsExactlyInAnyOrder("WINDOW_CLOSING", "REGISTRATION_SUBMITTED", "REGISTRATION_SUBMITTED");
        assertThat(api.get("/inbox/mine/unread-count", "officer.00004").get("unread").asInt()).isEqualTo(3);
        assertThat(NotificationApi.texts(api.get("/inbox/mine", "officer.00008").get("content"), "type"))
                .doesNotContain("WINDOW_CLOSING").hasSize(3);
        assertThat(NotificationApi.texts(api.get("/inbox?unitCode=00070", "viewer.01").get("content"), "type"))
                .as("a unit with nobody in the directory finds it in the unit's inbox").containsOnly("WINDOW_CLOSING");
        assertThat(api.statusByOffset(reminders + "00004")).containsEntry("P9D", "PENDING")
                .containsEntry("P7D", "DROPPED").containsEntry("P3D", "DROPPED").containsEntry("P1D", "DROPPED");

        // Ba Đình files the collective and the individual model it lacked: its last reminder is cancelled.
        api.registration("submitted", campaign, "00004", "r4-3-" + RUN, "COLLECTIVE", "SUBMITTED", Instant.now());
        api.registration("submitted", campaign, "00004", "r4-4-" + RUN, "INDIVIDUAL", "SUBMITTED", Instant.now());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.statusByOffset(reminders
                + "00004")).containsEntry("P9D", "CANCELLED"));

        // Marking read is the owner's alone.
        String item = null;
        for (JsonNode i : hoaInbox.get("content")) {
            item = "WINDOW_CLOSING".equals(i.get("type").asString()) ? i.get("id").asString() : item;
        }
        assertThat(api.call("POST", "/inbox/" + java.net.URLEncoder.encode(item, "UTF-8") + "/read", "officer.00008",
                null).statusCode()).isEqualTo(404);
        assertThat(api.call("POST", "/inbox/" + java.net.URLEncoder.encode(item, "UTF-8") + "/read", "officer.00004",
                null).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.get("/inbox/mine/unread-count",
                "officer.00004").get("unread").asInt()).as("two new confirmations, one read").isEqualTo(4));
        assertThat(mailsTo(HOA)).as("one e-mail, however the events were delivered").hasSize(1);
    }


    /** The window reminders received for an address (the unit's people also hear of its submitted models). */
    private static List<ReceivedMail> mailsTo(String address) {
        return TestStack.get().mail().receivedMessages().stream().filter(m -> m.to().contains(address))
                .filter(m -> m.subject().contains("10")).toList();
    }
}
