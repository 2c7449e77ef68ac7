package vn.dvk.evaluation.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dvk.kit.testing.Contracts;
import vn.dvk.kit.testing.KafkaProbe;
import vn.dvk.kit.testing.TestStack;

/**
 * The movement's numbers from the event streams: events late, twice or out of order give the same counts, and a
 * rebuild from the topics gives them again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MovementStatsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final KafkaProbe kafka = new KafkaProbe(TestStack.get().kafkaBootstrapServers());
    private final String campaign = UUID.randomUUID().toString();
    private final Instant start = Instant.parse("2026-10-20T02:00:00Z");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "evaluation-stats");
    }

    /** A registration lifecycle event as registration-service publishes it, {@code minutes} after the start. */
    private void registration(String id, String unitCode, String field, String kind, String status, int minutes)
            throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Contracts.example("vn.dvk.registration.approved.v1"));
        event.put("registrationId", id).put("campaignId", campaign).put("unitCode", unitCode).put("field", field)
                .put("kind", kind).put("status", status).put("year", 2026)
                .put("at", start.plusSeconds(60L * minutes).toString());
        send("registration-events", id, "vn.dvk.registration." + (status.equals("DRAFT") ? "drafted"
                : status.toLowerCase()) + ".v1", event.toString());
    }

    private void send(String topic, String key, String type, String value) {
        kafka.send(topic, key, KafkaProbe.cloudEvent(UUID.randomUUID().toString(), type, "urn:dvk:test"), value);
    }

    private JsonNode counts(String query) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/evaluation/statistics?campaignId=" + campaign + "&" + query))
                .header("Authorization", "Bearer " + TestStack.token("viewer.01")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private String prometheus() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + TestStack.token("admin.01")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Map<String, Long> byGroup(JsonNode counts, String dimension) {
        Map<String, Long> groups = new LinkedHashMap<>();
        counts.get("rows").forEach(r -> groups.put(r.at("/group/" + dimension).asString(), r.get("count").asLong()));
        return groups;
    }

    @Test
    void lateDuplicatedAndReorderedEventsCountOnceAsTheirLatestStateAndARebuildAgrees() throws Exception {
        String bees = UUID.randomUUID().toString();
        String flowers = UUID.randomUUID().toString();
        String market = UUID.randomUUID().toString();
        registration(bees, "00004", "ECONOMY", "COLLECTIVE", "SUBMITTED", 1);
        registration(bees, "00004", "ECONOMY", "COLLECTIVE", "APPROVED", 5);
        registration(bees, "00004", "ECONOMY", "COLLECTIVE", "APPROVED", 5);
        registration(flowers, "00008", "CULTURE_SOCIETY", "COLLECTIVE", "APPROVED", 9);
        registration(flowers, "00008", "CULTURE_SOCIETY", "COLLECTIVE", "SUBMITTED", 2);
        registration(market, "00004", "ECONOMY", "INDIVIDUAL", "WITHDRAWN", 3);
        ObjectNode outcome = (ObjectNode) JSON.readTree(Contracts.example("vn.dvk.evaluation.outcome-issued.v1"));
        outcome.put("registrationId", bees).put("campaignId", campaign).put("tier", "EXEMPLARY");
        send("evaluation-events", bees, "vn.dvk.evaluation.outcome-issued.v1", outcome.toString());
        outcome.put("tier", "RECOGNISED");
        send("evaluation-events", bees, "vn.dvk.evaluation.outcome-issued.v1", outcome.toString());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(byGroup(counts("groupBy=status"), "status"))
                    .containsExactly(Map.entry("APPROVED", 2L), Map.entry("WITHDRAWN", 1L));
            assertThat(counts("tier=EXEMPLARY").get("total").asLong()).isEqualTo(1);
        });
        assertThat(byGroup(counts("groupBy=unit"), "unit")).as("Hà Nội's wards")
                .containsExactly(Map.entry("00004", 2L), Map.entry("00008", 1L));
        assertThat(byGroup(counts("groupBy=field&kind=COLLECTIVE"), "field"))
                .containsExactly(Map.entry("CULTURE_SOCIETY", 1L), Map.entry("ECONOMY", 1L));
        assertThat(counts("tier=EXEMPLARY").get("total").asLong()).as("an outcome never moves down").isEqualTo(1);
        JsonNode before = counts("groupBy=unit,field,kind,status,tier");

        HttpResponse<String> rebuilt = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/evaluation/statistics/rebuild")).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + TestStack.token("admin.01")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(rebuilt.statusCode()).as(rebuilt.body()).isEqualTo(200);
        assertThat(counts("groupBy=unit,field,kind,status,tier")).isEqualTo(before);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(prometheus())
                .as("business metrics from the same counters")
                .containsPattern("dvk_registrations\\{[^}]*field=\"ECONOMY\",kind=\"COLLECTIVE\",status=\"APPROVED\"\\} [1-9]"));

        String late = UUID.randomUUID().toString();
        registration(late, "00008", "DEFENSE_SECURITY", "INDIVIDUAL", "SUBMITTED", 12);
        await().atMost(Duration.ofSeconds(10)).until(() -> counts("").get("total").asLong() == 4);
    }

    private void evaluation(String type, String key, Map<String, Object> fields) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Contracts.example("vn.dvk.evaluation." + type + ".v1"));
        fields.forEach((name, value) -> event.put(name, String.valueOf(value)));
        if (fields.containsKey("models")) {
            event.put("models", (Integer) fields.get("models"));
        }
        assertThat(Contracts.violations("vn.dvk.evaluation." + type + ".v1", event.toString())).isEmpty();
        send("evaluation-events", key, "vn.dvk.evaluation." + type + ".v1", event.toString());
    }

    @Test
    void reviewProgressCountsEachAssignmentScorecardDeliberationAndDecisionOnceWhateverTheOrder() throws Exception {
        String round = UUID.randomUUID().toString();
        String bees = UUID.randomUUID().toString();
        String flowers = UUID.randomUUID().toString();
        evaluation("reviewer-assigned", bees, Map.of("roundId", round, "registrationId", bees, "reviewer", "reviewer.01"));
        evaluation("round-opened", round, Map.of("roundId", round, "campaignId", campaign, "unitCode", "01",
                "models", 2));
        for (int twice = 0; twice < 2; twice++) {
            evaluation("reviewer-assigned", flowers, Map.of("roundId", round, "registrationId", flowers,
                    "reviewer", "reviewer.01"));
            evaluation("scorecard-submitted", bees, Map.of("roundId", round, "registrationId", bees,
                    "reviewer", "reviewer.01"));
        }
        evaluation("deliberated", bees, Map.of("roundId", round, "registrationId", bees, "tier", "EXEMPLARY"));
        evaluation("outcome-issued", bees, Map.of("roundId", round, "registrationId", bees, "tier", "EXEMPLARY"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/evaluation/statistics/review-progress?unitCode=00004&campaignId=" + campaign))
                    .header("Authorization", "Bearer " + TestStack.token("viewer.00004")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode progress = JSON.readTree(response.body()).get(0);
            assertThat(progress.get("roundId").asString()).as("the province's round, seen from a ward").isEqualTo(round);
            assertThat(progress.get("models").asInt()).isEqualTo(2);
            assertThat(progress.get("assignments").asInt()).isEqualTo(2);
            assertThat(progress.get("scorecards").asInt()).isEqualTo(1);
            assertThat(progress.get("deliberated").asInt()).isEqualTo(1);
            assertThat(progress.get("decided").asInt()).isEqualTo(1);
            assertThat(progress.at("/deliberatedByTier/EXEMPLARY").asInt()).isEqualTo(1);
        });
    }

    @Test
    void quotaFillSetsEachWardsPlacesTakenAgainstTheCampaignsQuotaForItsKind() throws Exception {
        ObjectNode launched = (ObjectNode) JSON.readTree(Contracts.example("vn.dvk.campaign.launched.v1"));
        launched.put("campaignId", campaign);
        send("campaign-events", campaign, "vn.dvk.campaign.launched.v1", launched.toString());
        registration(UUID.randomUUID().toString(), "00004", "ECONOMY", "COLLECTIVE", "APPROVED", 1);
        registration(UUID.randomUUID().toString(), "00004", "ECONOMY", "COLLECTIVE", "SUBMITTED", 2);
        registration(UUID.randomUUID().toString(), "00004", "ECONOMY", "COLLECTIVE", "WITHDRAWN", 3);
        registration(UUID.randomUUID().toString(), "00004", "ECONOMY", "INDIVIDUAL", "DRAFT", 4);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/evaluation/statistics/quota-fill?unitCode=01&campaignId=" + campaign))
                    .header("Authorization", "Bearer " + TestStack.token("coordinator.01")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, String> fill = new LinkedHashMap<>();
            JSON.readTree(response.body()).forEach(r -> fill.put(r.get("unitCode").asString() + "/"
                    + r.get("kind").asString(), r.get("registered").asLong() + " of "
                    + (r.get("allowed").isNull() ? "no quota" : r.get("allowed").asString())));
            assertThat(fill).as("drafts and withdrawn ones take no place")
                    .containsEntry("00004/COLLECTIVE", "2 of 10").containsEntry("00004/INDIVIDUAL", "0 of 15")
                    .containsEntry("00008/COLLECTIVE", "0 of 10").containsEntry("01/COLLECTIVE", "0 of no quota");
        });
    }

    /** A server-sent event as a dashboard receives it. */
    private record Sse(String id, String event, String data) {
    }

    /** Opens the stream as {@code user} and collects its events in the background. */
    private java.util.concurrent.BlockingQueue<Sse> stream(String user, String lastEventId) {
        java.util.concurrent.BlockingQueue<Sse> events = new java.util.concurrent.LinkedBlockingQueue<>();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/evaluation/statistics/stream")).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + TestStack.token(user));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            String[] current = new String[3];
            response.body().forEach(line -> {
                if (line.isEmpty()) {
                    if (current[1] != null) {
                        events.add(new Sse(current[0], current[1], current[2]));
                    }
                    current[0] = current[1] = current[2] = null;
                } else if (line.startsWith(":")) {
                    events.add(new Sse(null, "comment", line.substring(1)));
                } else if (line.startsWith("id:")) {
                    current[0] = line.substring(3);
                } else if (line.startsWith("event:")) {
                    current[1] = line.substring(6);
                } else if (line.startsWith("data:")) {
                    current[2] = line.substring(5);
                }
            });
        });
        return events;
    }

    private static Sse next(java.util.concurrent.BlockingQueue<Sse> events) throws InterruptedException {
        Sse event = events.poll(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(event).as("an event within 20 s").isNotNull();
        return event;
    }

    @Test
    void aDashboardStreamPushesEachChangeInsideItsUnitAndResumesAfterTheLastEventItSaw() throws Exception {
        var ward = stream("viewer.00004", null);
        assertThat(next(ward).event()).as("the stream is open").isEqualTo("comment");
        String neighbour = UUID.randomUUID().toString();
        String own = UUID.randomUUID().toString();
        registration(neighbour, "00008", "ECONOMY", "COLLECTIVE", "SUBMITTED", 20);
        registration(own, "00004", "ECONOMY", "COLLECTIVE", "SUBMITTED", 21);
        Sse first = next(ward);
        assertThat(first.event()).isEqualTo("change");
        assertThat(JSON.readTree(first.data()).get("registrationId").asString())
                .as("the neighbouring ward's change is not pushed to this ward").isEqualTo(own);
        assertThat(JSON.readTree(first.data()).at("/to/status").asString()).isEqualTo("SUBMITTED");
        assertThat(Contracts.violations("vn.dvk.evaluation.statistics-changed.v1", first.data())).isEmpty();

        registration(own, "00004", "ECONOMY", "COLLECTIVE", "APPROVED", 22);
        Sse second = next(ward);
        JsonNode moved = JSON.readTree(second.data());
        assertThat(moved.at("/from/status").asString()).isEqualTo("SUBMITTED");
        assertThat(moved.at("/to/status").asString()).isEqualTo("APPROVED");

        var resumed = stream("viewer.00004", first.id());
        assertThat(next(resumed).event()).isEqualTo("comment");
        Sse again = next(resumed);
        assertThat(again.id()).as("resumed after the last event seen").isEqualTo(second.id());
        assertThat(next(stream("viewer.00004", "registration-events-0-999999999")).event()).isEqualTo("reset");
    }
}
