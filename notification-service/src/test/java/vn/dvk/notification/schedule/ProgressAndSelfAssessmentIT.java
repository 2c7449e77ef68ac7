package vn.dvk.notification.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
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
 * Progress reports and self-assessments are chased like registrations: only the units that still owe one are
 * reminded, what they owe is named, a report or a submission cancels what is pending, and the coordinator hears who
 * is late in their own language.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dvk.notification.dispatch.poll-interval=PT0.2S", "dvk.notification.dispatch.slot=PT1S"})
class ProgressAndSelfAssessmentIT {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TOPICS = "-progress-it";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "notification-progress");
        registry.add("spring.cloud.stream.default.group", () -> "notification-progress");
        NotificationApi.ownTopics(registry, TOPICS);
    }

    @Test
    void shouldRemindOwnersOfUnreportedModelsAndTellTheCoordinatorWhoIsLate() throws Exception {
        NotificationApi api = new NotificationApi(port, TOPICS);
        // The province's coordinator reads English.
        api.upload("/recipients/import", "admin.01", "nguoi-nhan.csv", String.join("\n",
                "Mã đơn vị,Tên đăng nhập,Họ và tên,Email,Điện thoại,Vai trò,Kênh nhận,Ngôn ngữ,Giờ yên lặng",
                "01,coordinator.01,Lê Thị Mai,,,COORDINATOR,INBOX,en,"));
        LocalDate today = LocalDate.now(VIETNAM);
        LocalDate first = today.minusDays(2);
        LocalDate second = today.plusDays(2);
        String campaign = UUID.randomUUID().toString();
        Instant at = Instant.now().minusSeconds(3600);
        // Ba Đình carries out two models; the first reported for the first period only.
        api.registration("approved", campaign, "00004", "a-" + RUN, "COLLECTIVE", "APPROVED", at,
                "Tổ tự quản đường hoa");
        api.registration("approved", campaign, "00004", "b-" + RUN, "COLLECTIVE", "APPROVED", at,
                "Nuôi ong lấy mật");
        report(api, campaign, "00004", "a-" + RUN, today.minusDays(5));
        // Ngọc Hà reported its one model for both periods; Giảng Võ's is only submitted, nothing to report.
        api.registration("approved", campaign, "00008", "c-" + RUN, "INDIVIDUAL", "APPROVED", at, "Gương sáng");
        report(api, campaign, "00008", "c-" + RUN, today.minusDays(3));
        report(api, campaign, "00008", "c-" + RUN, today);
        api.registration("submitted", campaign, "00025", "d-" + RUN, "COLLECTIVE", "SUBMITTED", at, "Chưa duyệt");
        api.publish("campaign-events", campaign, "vn.dvk.campaign.launched.v1", Map.of("campaignId", campaign,
                "unitCode", "01", "title", "Phong trào thử " + RUN, "opens", today.minusDays(90).toString(),
                "closes", today.minusDays(60).toString(), "progressReportsDue", List.of(second.toString(),
                        first.toString())));
        // Approved after the launch was read: it owes the reports from then on.
        api.registration("approved", campaign, "00070", "e-" + RUN, "COLLECTIVE", "APPROVED", Instant.now(),
                "Dân vận khéo ở khu phố");

        String schedule = "/reminders?campaignId=" + campaign + "&progressDue=" + second + "&unitCode=";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(api.statusByOffset(schedule + "00004")).containsEntry("P3D", "SENT");
            assertThat(api.statusByOffset(schedule + "00070")).containsEntry("P3D", "SENT");
            assertThat(api.statusByOffset(schedule + "00008")).containsEntry("P3D", "SKIPPED");
        });
        JsonNode due = only(api.get("/inbox?unitCode=00004", "viewer.01"), "PROGRESS_DUE");
        assertThat(due.get("subject").asString()).isEqualTo("Còn 2 ngày để báo cáo tiến độ 2 mô hình");
        assertThat(due.get("body").asString()).as("named in Vietnamese order")
                .contains("\n- Nuôi ong lấy mật\n- Tổ tự quản đường hoa\n");
        assertThat(NotificationApi.texts(api.get("/inbox?unitCode=00008", "viewer.01").get("content"), "type"))
                .as("everything reported").doesNotContain("PROGRESS_DUE");
        assertThat(api.get(schedule + "00025", "coordinator.01").get("totalElements").asInt())
                .as("no running model, no report owed").isZero();

        // The first period ended two days ago: the coordinator hears who is late, in English. (Hoàn Kiếm's model runs,
        // so it owes that report too, as registration-service's progress-due view counts it.)
        JsonNode overdue = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/inbox/mine",
                "coordinator.01"), page -> NotificationApi.texts(page.get("content"), "type")
                .contains("PROGRESS_OVERDUE"));
        JsonNode late = only(overdue, "PROGRESS_OVERDUE");
        assertThat(late.get("subject").asString()).isEqualTo("Progress reports overdue: 2 units late");
        assertThat(late.get("body").asString()).endsWith(":\n- Phường Ba Đình: 1 model without a progress report"
                + "\n- Phường Hoàn Kiếm: 1 model without a progress report").doesNotContain("Ngọc Hà");

        // Ba Đình reports both: its last reminder will not go.
        report(api, campaign, "00004", "a-" + RUN, today);
        report(api, campaign, "00004", "b-" + RUN, today);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.statusByOffset(schedule + "00004")).containsEntry("P1D", "CANCELLED"));
        assertThat(api.statusByOffset(schedule + "00070")).containsEntry("P1D", "PENDING");
    }

    @Test
    void shouldRemindUnitsThatHaveNotSelfAssessed() throws Exception {
        NotificationApi api = new NotificationApi(port, TOPICS);
        String scheme = UUID.randomUUID().toString();
        api.publish("evaluation-events", scheme + "/00004", "vn.dvk.evaluation.self-assessment-submitted.v1",
                Map.of("schemeId", scheme, "gradingId", scheme + "/00004", "subjectKey", "00004", "unitCode",
                        "00004"));
        api.publish("evaluation-events", scheme, "vn.dvk.evaluation.grading-scheme-saved.v1", Map.of("schemeId",
                scheme, "unitCode", "01", "title", "Xếp loại thử " + RUN, "selfAssessmentDue",
                LocalDate.now(VIETNAM).plusDays(2).toString()));
        String schedule = "/reminders?schemeId=" + scheme + "&unitCode=";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(api.statusByOffset(schedule + "00008")).containsEntry("P3D", "SENT")
                    .containsEntry("P1D", "PENDING");
            assertThat(api.statusByOffset(schedule + "00004")).containsEntry("P3D", "SKIPPED")
                    .containsEntry("P1D", "CANCELLED");
        });
        JsonNode due = only(api.get("/inbox?unitCode=00008", "viewer.01"), "SELF_ASSESSMENT_DUE");
        assertThat(due.get("subject").asString()).isEqualTo("Còn 2 ngày để nộp bản tự đánh giá");
        assertThat(due.get("body").asString()).contains("Kính gửi Phường Ngọc Hà")
                .contains("\"Xếp loại thử " + RUN + "\" là ngày");
        assertThat(NotificationApi.texts(api.get("/inbox?unitCode=00004", "viewer.01").get("content"), "type"))
                .doesNotContain("SELF_ASSESSMENT_DUE");

        api.publish("evaluation-events", scheme + "/00008", "vn.dvk.evaluation.self-assessment-submitted.v1",
                Map.of("schemeId", scheme, "gradingId", scheme + "/00008", "subjectKey", "00008", "unitCode",
                        "00008"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.statusByOffset(schedule + "00008")).containsEntry("P1D", "CANCELLED"));

        // Saved again without a self-assessment day: nothing more is chased; given the day back, it is again.
        Map<String, Object> withoutDay = new java.util.HashMap<>(Map.of("schemeId", scheme, "unitCode", "01",
                "title", "Xếp loại thử " + RUN));
        withoutDay.put("selfAssessmentDue", null);
        api.publish("evaluation-events", scheme, "vn.dvk.evaluation.grading-scheme-saved.v1", withoutDay);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(api.statusByOffset(schedule + "00070")).containsEntry("P1D", "DROPPED");
            assertThat(api.statusByOffset(schedule + "01")).containsEntry("OVERDUE", "DROPPED");
        });
        api.publish("evaluation-events", scheme, "vn.dvk.evaluation.grading-scheme-saved.v1", Map.of("schemeId",
                scheme, "unitCode", "01", "title", "Xếp loại thử " + RUN, "selfAssessmentDue",
                LocalDate.now(VIETNAM).plusDays(2).toString()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(api.statusByOffset(schedule + "00070")).containsEntry("P1D", "PENDING");
            assertThat(api.statusByOffset(schedule + "01")).containsEntry("OVERDUE", "PENDING");
        });
    }

    private static void report(NotificationApi api, String campaign, String unit, String registration,
            LocalDate day) {
        api.publish("registration-events", registration, "vn.dvk.registration.progress-reported.v1", Map.of(
                "registrationId", registration, "campaignId", campaign, "unitCode", unit, "reportId",
                UUID.randomUUID().toString(), "reportedOn", day.toString(), "at", Instant.now().toString()));
    }

    private static JsonNode only(JsonNode page, String type) {
        List<JsonNode> found = new java.util.ArrayList<>();
        page.get("content").forEach(item -> {
            if (type.equals(item.get("type").asString())) {
                found.add(item);
            }
        });
        assertThat(found).as(page.toString()).hasSize(1);
        return found.get(0);
    }

}
