package vn.dvk.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import vn.dvk.kit.testing.Contracts;
import vn.dvk.kit.testing.KafkaProbe;
import vn.dvk.kit.testing.TestStack;
import vn.dvk.notification.NotificationApi;

/**
 * The correlation id of what caused a message reaches the {@code notification-events} record of its delivery
 * ({@code ce_correlationid}), though the message is sent by another thread, through what was stored in between: an
 * event's notice and its deliveries, and a request's reminders turned into messages by the dispatcher.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dvk.notification.dispatch.poll-interval=PT0.2S", "dvk.notification.dispatch.slot=PT1S"})
class CorrelationIT {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String TOPICS = "-correlation-it";
    private static final String UNIT = "00004";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "notification-correlation");
        registry.add("spring.cloud.stream.default.group", () -> "notification-correlation");
        NotificationApi.ownTopics(registry, TOPICS);
    }

    @Test
    void shouldCarryTheCorrelationIdOfTheCauseIntoEveryDeliveryEvent() throws Exception {
        NotificationApi api = new NotificationApi(port, TOPICS);
        String address = "tuong-quan-" + RUN + "@badinh.example.vn";
        HttpResponse<String> created = api.call("POST", "/recipients", "coordinator.01", "{\"unitCode\":\"" + UNIT
                + "\",\"name\":\"Đỗ Văn Tương\",\"email\":\"" + address + "\",\"roles\":[\"UNIT_OFFICER\"],"
                + "\"channels\":[\"INBOX\",\"EMAIL\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String recipient = NotificationApi.JSON.readTree(created.body()).get("id").asString();
        KafkaProbe kafka = new KafkaProbe(TestStack.get().kafkaBootstrapServers());

        // An event: its notice waits in a batch, the dispatcher fans it out and a sender thread sends the e-mail.
        String fromEvent = "corr-event-" + RUN;
        String registration = "returned-" + RUN;
        api.publish("registration-events", registration, "vn.dvk.registration.returned.v1", Map.of(
                "registrationId", registration, "unitCode", UNIT, "title", "Sân chơi cho em",
                "reason", "Bổ sung số hộ tham gia.", "at", Instant.now().toString()), fromEvent);
        for (String channel : new String[] {"EMAIL", "INBOX"}) {
            KafkaProbe.Received sent = kafka.awaitRecord("notification-events",
                    r -> r.value().contains(recipient) && r.value().contains("\"" + channel + "\"")
                            && r.value().contains("REGISTRATION_RETURNED"),
                    Duration.ofSeconds(30));
            assertThat(sent.headers()).as(channel).containsEntry("ce_correlationid", fromEvent)
                    .containsEntry("ce_type", "vn.dvk.notification.delivery-sent.v1");
            assertThat(Contracts.violations("vn.dvk.notification.delivery-sent.v1", sent.value())).isEmpty();
            assertThat(sent.value()).as("the correlation id is a header, not data").doesNotContain("correlationId");
        }
        JsonNode delivery = api.get("/deliveries?unitCode=" + UNIT + "&channel=EMAIL", "coordinator.01")
                .at("/content/0");
        assertThat(delivery.get("correlationId").asString()).as("stored with the delivery").isEqualTo(fromEvent);

        // A campaign launched (one correlation id), then its offsets changed by a request (another): the reminder
        // that request planned is sent by the dispatcher with the request's correlation id.
        String campaign = UUID.randomUUID().toString();
        LocalDate closes = LocalDate.now(VIETNAM).plusDays(10);
        api.launch(campaign, "01", closes, 2, 1, "corr-launch-" + RUN);
        String reminders = "/reminders?campaignId=" + campaign + "&unitCode=" + UNIT;
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(reminders, "coordinator.01"),
                page -> page.get("totalElements").asInt() == 3);
        String fromRequest = "corr-request-" + RUN;
        HttpResponse<String> set = api.call("PUT", "/campaigns/" + campaign + "/reminder-offsets", "coordinator.01",
                "{\"offsets\":[\"P9D\",\"P30D\"]}", fromRequest);
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        KafkaProbe.Received reminded = kafka.awaitRecord("notification-events",
                r -> r.value().contains(recipient) && r.value().contains("\"EMAIL\"")
                        && r.value().contains("WINDOW_CLOSING") && r.key().contains(campaign),
                Duration.ofSeconds(30));
        assertThat(reminded.key()).contains("P30D");
        assertThat(reminded.headers()).containsEntry("ce_correlationid", fromRequest);
        assertThat(TestStack.get().mail().receivedMessages().stream().filter(m -> m.to().contains(address))
                .filter(m -> m.subject().contains("10")).toList()).hasSize(1);
    }
}
