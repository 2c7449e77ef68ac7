package vn.dvk.notification.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
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
 * Review rounds: reviewers with unsubmitted scorecards are reminded (and told of each assignment), those who
 * submitted everything are not. Templates: versions, validation in both languages, preview, and the version a
 * reminder was planned with kept through later changes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dvk.notification.dispatch.poll-interval=PT0.2S", "dvk.notification.dispatch.slot=PT1S"})
class RoundsAndTemplatesIT {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "notification-rounds");
        registry.add("spring.cloud.stream.default.group", () -> "notification-rounds");
    }

    @Test
    void shouldRemindOnlyReviewersWithScorecardsLeftBeforeTheRoundCloses() throws Exception {
        NotificationApi api = new NotificationApi(port);
        String round = UUID.randomUUID().toString();
        LocalDate closes = LocalDate.now(VIETNAM).plusDays(2);
        api.publish("evaluation-events", round, "vn.dvk.evaluation.round-opened.v1", Map.of("roundId", round,
                "unitCode", "01", "title", "Chấm điểm thử " + round.substring(0, 8), "closes", closes.toString(),
                "reviewers", List.of("reviewer.01", "reviewer.00004")));
        // reviewer.00004 has submitted the one model it was given (a model's events share its key, so they keep
        // their order); reviewer.01 has not submitted its one yet.
        api.publish("evaluation-events", round + "m1", "vn.dvk.evaluation.scorecard-submitted.v1", Map.of(
                "roundId", round, "registrationId", round + "m1", "reviewer", "reviewer.00004"));
        for (String[] a : new String[][] {{"reviewer.00004", "m1"}, {"reviewer.01", "m2"}}) {
            api.publish("evaluation-events", round + a[1], "vn.dvk.evaluation.reviewer-assigned.v1", Map.of(
                    "roundId", round, "registrationId", round + a[1], "reviewer", a[0], "reviewerUnitCode",
                    a[0].endsWith("01") ? "01" : "00004", "closes", closes.toString(), "title", "Mô hình " + a[1]));
        }
        // Two days before closing: the three-day reminder is due (late) and the one-day reminder waits.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(types(api, "reviewer.01"))
                .containsExactlyInAnyOrder("REVIEWER_ASSIGNED", "SCORECARDS_DUE"));
        JsonNode due = api.get("/inbox/mine", "reviewer.01").get("content");
        for (JsonNode item : due) {
            if ("SCORECARDS_DUE".equals(item.get("type").asString())) {
                assertThat(item.get("subject").asString()).isEqualTo("Còn 2 ngày để nộp 1 phiếu chấm");
            }
        }
        JsonNode schedule = api.get("/reminders?roundId=" + round, "coordinator.01").get("content");
        assertThat(schedule.toString()).contains("\"subject\":\"reviewer.00004\"");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (JsonNode r : api.get("/reminders?roundId=" + round, "coordinator.01").get("content")) {
                if ("P3D".equals(r.get("offset").asString())) {
                    assertThat(r.get("status").asString()).as(r.toString())
                            .isEqualTo(r.get("subject").asString().equals("reviewer.01") ? "SENT" : "SKIPPED");
                }
            }
        });
        assertThat(types(api, "reviewer.00004")).as("everything submitted: only the assignment")
                .containsExactly("REVIEWER_ASSIGNED");
    }

    @Test
    void shouldStopChasingAReviewerTakenOffAModelByAConflictOfInterest() throws Exception {
        NotificationApi api = new NotificationApi(port);
        String round = UUID.randomUUID().toString();
        LocalDate closes = LocalDate.now(VIETNAM).plusDays(20);
        // Reviewers of their own: the other test counts the inboxes of the demo reviewers.
        for (String[] a : new String[][] {{"reviewer.conflicted", "m1"}, {"reviewer.free", "m2"}}) {
            api.publish("evaluation-events", round + a[1], "vn.dvk.evaluation.reviewer-assigned.v1", Map.of(
                    "roundId", round, "registrationId", round + a[1], "reviewer", a[0], "reviewerUnitCode", "01",
                    "closes", closes.toString(), "title", "Mô hình " + a[1]));
        }
        api.publish("evaluation-events", round + "m1", "vn.dvk.evaluation.conflict-declared.v1", Map.of(
                "roundId", round, "registrationId", round + "m1", "reviewer", "reviewer.conflicted",
                "wasAssigned", true));
        // Nothing is due for days: the schedule shows what each reviewer still owes.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, String> byReviewer = new java.util.HashMap<>();
            for (JsonNode r : api.get("/reminders?roundId=" + round, "coordinator.01").get("content")) {
                if ("P7D".equals(r.get("offset").asString())) {
                    byReviewer.put(r.get("subject").asString(), r.get("status").asString());
                }
            }
            assertThat(byReviewer).containsEntry("reviewer.free", "PENDING")
                    .containsEntry("reviewer.conflicted", "CANCELLED");
        });
    }

    @Test
    void shouldVersionTemplatesAndKeepThePlannedVersion() throws Exception {
        NotificationApi api = new NotificationApi(port);
        HttpResponse<String> unknown = api.call("PUT", "/templates/WINDOW_OVERDUE/vi", "admin.01",
                "{\"subject\":\"Hết hạn {campaignTitle}\",\"body\":\"{unitsLate} đơn vị chưa xong\"}");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(NotificationApi.JSON.readTree(unknown.body()).get("detail").asString())
                .startsWith("Mẫu dùng unitsLate, loại thông báo này không có.");

        String campaign = UUID.randomUUID().toString();
        api.launch(campaign, "01", LocalDate.now(VIETNAM).plusDays(40), 1, 1);
        JsonNode before = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/reminders?campaignId="
                + campaign + "&unitCode=01&status=PENDING", "coordinator.01"), p -> p.get("totalElements").asInt() > 0);
        int planned = before.at("/content/0/templates/vi").asInt();

        HttpResponse<String> saved = api.call("PUT", "/templates/WINDOW_OVERDUE/vi", "admin.01",
                "{\"subject\":\"Hết hạn đăng ký: {lateCount} đơn vị\",\"body\":\"Danh sách:\\n{lateList}\"}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        int version = NotificationApi.JSON.readTree(saved.body()).get("version").asInt();
        assertThat(version).isEqualTo(planned + 1);
        assertThat(api.get("/reminders?campaignId=" + campaign + "&unitCode=01", "coordinator.01")
                .at("/content/0/templates/vi").asInt()).as("planned before the change: keeps its version")
                .isEqualTo(planned);

        JsonNode versions = api.get("/templates/WINDOW_OVERDUE/vi", "coordinator.01");
        assertThat(versions.get(0).get("version").asInt()).isEqualTo(version);
        assertThat(versions.get(versions.size() - 1).get("version").asInt()).isEqualTo(1);
        HttpResponse<String> old = api.call("POST", "/templates/WINDOW_OVERDUE/vi/preview", "coordinator.01",
                "{\"version\":1,\"values\":{\"lateCount\":\"3\"}}");
        assertThat(NotificationApi.JSON.readTree(old.body()).get("subject").asString())
                .isEqualTo("Đã hết hạn đăng ký: 3 đơn vị chưa đủ chỉ tiêu");
        JsonNode draft = NotificationApi.JSON.readTree(api.call("POST", "/templates/WINDOW_OVERDUE/en/preview",
                "coordinator.01", "{\"subject\":\"{lateCount} late for {campaignTitle}\"}").body());
        assertThat(draft.get("subject").asString()).as("sample values fill what is not given")
                .isEqualTo("2 late for Phong trào thi đua “Dân vận khéo” năm 2026");
        HttpResponse<String> english = api.call("PUT", "/templates/WINDOW_OVERDUE/xx", "admin.01",
                "{\"subject\":\"a\",\"body\":\"b\"}");
        assertThat(english.statusCode()).isEqualTo(404);
    }

    private static List<String> types(NotificationApi api, String user) throws Exception {
        return NotificationApi.texts(api.get("/inbox/mine", user).get("content"), "type");
    }
}
