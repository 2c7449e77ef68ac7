package vn.dvk.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
import vn.dvk.localstack.MailServer.ReceivedMail;
import vn.dvk.notification.NotificationApi;

/**
 * What recipients choose and how the directory shows them. Those who asked for a daily digest get the e-mails about
 * events in one message at the digest time, in their language, each event once; their colleagues without a digest
 * get each e-mail at once. People set the digest themselves. A unit's list is in Vietnamese order of given names and
 * found without accents.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dvk.notification.dispatch.poll-interval=PT0.2S", "dvk.notification.dispatch.slot=PT1S"})
class RecipientChoicesIT {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String TOPICS = "-digest-it";
    private static final String UNIT = "00091";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** Today's digest, soon after the service starts: the events of the test must come before it. */
    private static LocalDateTime digestAt;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "notification-digest");
        registry.add("spring.cloud.stream.default.group", () -> "notification-digest");
        NotificationApi.ownTopics(registry, TOPICS);
        registry.add("dvk.notification.digest.send-at", () -> {
            // Read when the context starts (and perhaps again later: the first reading is the one that counts).
            if (digestAt == null) {
                digestAt = LocalDateTime.now(VIETNAM).plusSeconds(40).withNano(0);
            }
            return digestAt.toLocalTime().format(DateTimeFormatter.ISO_LOCAL_TIME);
        });
    }

    @Test
    void shouldGatherTheDaysEmailsAboutEventsIntoOneDigestPerReaderWhileOthersGetThemAtOnce() throws Exception {
        NotificationApi api = new NotificationApi(port, TOPICS);
        String vi = "ban-tin-" + RUN + "@phuthuong.example.vn";
        String en = "digest-" + RUN + "@phuthuong.example.vn";
        String prompt = "ngay-" + RUN + "@phuthuong.example.vn";
        HttpResponse<String> imported = api.upload("/recipients/import", "admin.01", "nguoi-nhan.csv", String.join("\n",
                "Mã đơn vị,Tên đăng nhập,Họ và tên,Email,Điện thoại,Vai trò,Kênh nhận,Ngôn ngữ,Giờ yên lặng,"
                        + "Bản tin hằng ngày",
                UNIT + ",,Trần Văn Bản,"  + vi + ",,UNIT_OFFICER,\"INBOX, EMAIL\",vi,,Có",
                UNIT + ",,Nguyễn Thị Anh," + en + ",,COORDINATOR,EMAIL,en,,yes",
                UNIT + ",,Lê Văn Ngay," + prompt + ",,UNIT_OFFICER,EMAIL,vi,,",
                UNIT + ",,Phạm Thị Sai,sai-" + RUN + "@phuthuong.example.vn,,UNIT_OFFICER,EMAIL,vi,,hằng tuần"));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode result = NotificationApi.JSON.readTree(imported.body());
        assertThat(result.get("created").asInt()).as(imported.body()).isEqualTo(3);
        assertThat(result.at("/rejected/0/reasons/0").asString()).isEqualTo("Bản tin hằng ngày: ghi Có hoặc Không");

        Instant at = Instant.now();
        api.registration("approved", UUID.randomUUID().toString(), UNIT, "approved-" + RUN, "COLLECTIVE", "APPROVED",
                at, "Sân chơi cho em");
        String returned = "returned-" + RUN;
        api.publish("registration-events", returned, "vn.dvk.registration.returned.v1", Map.of(
                "registrationId", returned, "unitCode", UNIT, "title", "Tủ sách cộng đồng",
                "reason", "Bổ sung số hộ tham gia.", "at", at.plusSeconds(1).toString()));

        assertThat(await().atMost(Duration.ofSeconds(20)).until(() -> mailTo(prompt), l -> l.size() == 2))
                .as("no digest: each e-mail at once").extracting(ReceivedMail::subject).containsExactlyInAnyOrder(
                        "Mô hình \"Sân chơi cho em\" đã được duyệt",
                        "Mô hình \"Tủ sách cộng đồng\" được trả lại để bổ sung");
        JsonNode waiting = await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/deliveries?unitCode=" + UNIT
                + "&status=DIGEST", "coordinator.01"), page -> page.get("totalElements").asInt() == 4);
        Instant digestTime = digestAt.atZone(VIETNAM).toInstant();
        assertThat(NotificationApi.texts(waiting.get("content"), "nextAttemptAt")).as("all wait for the digest")
                .allSatisfy(next -> assertThat(Instant.parse(next)).isEqualTo(digestTime));
        assertThat(Instant.now()).as("the events came before the digest time").isBefore(digestTime);
        assertThat(mailTo(vi)).as("nothing before the digest").isEmpty();

        ReceivedMail digest = await().atMost(Duration.ofSeconds(90)).until(() -> mailTo(vi), l -> !l.isEmpty()).get(0);
        String day = DateTimeFormatter.ofPattern("dd/MM/yyyy").format(LocalDate.ofInstant(digestTime, VIETNAM));
        assertThat(digest.subject()).isEqualTo("Bản tin \"Dân vận khéo\" ngày " + day + ": 2 thông báo");
        assertThat(digest.body()).contains("1. Mô hình \"Sân chơi cho em\" đã được duyệt")
                .contains("2. Mô hình \"Tủ sách cộng đồng\" được trả lại để bổ sung")
                .contains("Bổ sung số hộ tham gia.");
        ReceivedMail english = await().atMost(Duration.ofSeconds(20)).until(() -> mailTo(en), l -> !l.isEmpty()).get(0);
        assertThat(english.subject()).isEqualTo("\"Dân vận khéo\" digest for " + day + ": 2 notifications");
        assertThat(english.body()).contains("1. Model \"Sân chơi cho em\" approved")
                .contains("2. Model \"Tủ sách cộng đồng\" returned for changes");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(api.get("/deliveries?unitCode=" + UNIT
                + "&status=IN_DIGEST", "coordinator.01").get("totalElements").asInt()).isEqualTo(4));
        JsonNode sent = api.get("/deliveries?unitCode=" + UNIT + "&status=SENT", "coordinator.01");
        assertThat(NotificationApi.texts(sent.get("content"), "type")).as("the two digests and the prompt reader's")
                .containsExactlyInAnyOrder("DAILY_DIGEST", "DAILY_DIGEST", "REGISTRATION_APPROVED",
                        "REGISTRATION_RETURNED");
        assertThat(mailTo(vi)).as("one digest, once").hasSize(1);
        assertThat(mailTo(en)).hasSize(1);
    }

    @Test
    void shouldLetPeopleChooseTheDigestThemselves() throws Exception {
        NotificationApi api = new NotificationApi(port, TOPICS);
        HttpResponse<String> saved = api.call("PUT", "/recipients/me", "officer.00008", "{\"channels\":[\"INBOX\","
                + "\"EMAIL\"],\"email\":\"officer-" + RUN + "@dvk.local\",\"digest\":true}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(api.get("/recipients/me", "officer.00008").get("digest").asBoolean()).isTrue();
        HttpResponse<String> languageOnly = api.call("PUT", "/recipients/me", "officer.00008",
                "{\"channels\":[\"INBOX\",\"EMAIL\"],\"language\":\"en\"}");
        assertThat(languageOnly.statusCode()).isEqualTo(200);
        assertThat(api.get("/recipients/me", "officer.00008").get("digest").asBoolean())
                .as("left out: kept as it was").isTrue();
        String id = api.get("/recipients/me", "officer.00008").get("id").asString();
        HttpResponse<String> edited = api.call("PUT", "/recipients/" + id, "coordinator.01", "{\"unitCode\":\"00008\","
                + "\"username\":\"officer.00008\",\"name\":\"Đỗ Văn Tám\",\"email\":\"officer-" + RUN
                + "@dvk.local\",\"phone\":\"0912000008\",\"roles\":[\"UNIT_OFFICER\"],\"channels\":[\"INBOX\","
                + "\"EMAIL\"]}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(NotificationApi.JSON.readTree(edited.body()).get("digest").asBoolean())
                .as("a coordinator's edit without it keeps the person's choice").isTrue();
        HttpResponse<String> oldSheet = api.upload("/recipients/import", "coordinator.01", "nam-ngoai.csv",
                String.join("\n", "Mã đơn vị,Tên đăng nhập,Họ và tên,Email,Điện thoại,Vai trò,Kênh nhận,Ngôn ngữ,"
                        + "Giờ yên lặng", "00008,officer.00008,Đỗ Văn Tám,officer-" + RUN + "@dvk.local,0912000008,"
                        + "UNIT_OFFICER,\"INBOX, EMAIL\",vi,"));
        assertThat(NotificationApi.JSON.readTree(oldSheet.body()).get("unchanged").asInt()).as(oldSheet.body())
                .isEqualTo(1);
        assertThat(api.get("/recipients/me", "officer.00008").get("digest").asBoolean())
                .as("a sheet without the column keeps it too").isTrue();
    }

    @Test
    void shouldListAUnitsPeopleByGivenNameAndFindThemWithoutAccents() throws Exception {
        NotificationApi api = new NotificationApi(port, TOPICS);
        String unit = "00097";
        HttpResponse<String> imported = api.upload("/recipients/import", "admin.01", "nguoi-nhan.csv", String.join("\n",
                "Mã đơn vị,Tên đăng nhập,Họ và tên,Email,Điện thoại,Vai trò,Kênh nhận,Ngôn ngữ",
                unit + ",,Trần Văn Đức,duc-" + RUN + "@hongha.example.vn,,UNIT_OFFICER,INBOX,vi",
                unit + ",,Nguyễn Thị Ánh,anh-" + RUN + "@hongha.example.vn,,UNIT_OFFICER,INBOX,vi",
                unit + ",,Lê Văn Dũng,dung-" + RUN + "@hongha.example.vn,,UNIT_OFFICER,INBOX,vi",
                unit + ",,Phạm Thị An,an-" + RUN + "@hongha.example.vn,,COORDINATOR,INBOX,vi",
                unit + ",,Hoàng Văn Đông,dong-" + RUN + "@hongha.example.vn,,UNIT_OFFICER,INBOX,vi"));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode all = api.get("/recipients?unitCode=" + unit, "coordinator.01");
        assertThat(NotificationApi.texts(all.get("content"), "name")).as("An, Ánh, Dũng, Đông, Đức")
                .containsExactly("Phạm Thị An", "Nguyễn Thị Ánh", "Lê Văn Dũng", "Hoàng Văn Đông", "Trần Văn Đức");
        assertThat(all.at("/content/0").has("sortKey")).as("keys stay inside").isFalse();
        assertThat(NotificationApi.texts(api.get("/recipients?unitCode=" + unit + "&q=van%20d", "coordinator.01")
                .get("content"), "name")).containsExactly("Lê Văn Dũng", "Hoàng Văn Đông", "Trần Văn Đức");
        assertThat(NotificationApi.texts(api.get("/recipients?unitCode=" + unit + "&q=%C4%90%C3%94NG",
                "coordinator.01").get("content"), "name")).as("ĐÔNG").containsExactly("Hoàng Văn Đông");
    }

    private static List<ReceivedMail> mailTo(String address) {
        return TestStack.get().mail().receivedMessages().stream().filter(m -> m.to().contains(address)).toList();
    }
}
