package vn.dvk.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dvk.kit.testing.Contracts;
import vn.dvk.kit.testing.KafkaProbe;
import vn.dvk.kit.testing.TestStack;

/** What the notification tests do over HTTP and Kafka: calls as a demo user, and contract-valid events. */
public final class NotificationApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final KafkaProbe kafka = new KafkaProbe(TestStack.get().kafkaBootstrapServers());

    private final String topicSuffix;

    public NotificationApi(int port) {
        this(port, "");
    }

    /** Publishing to topics of a test's own ({@code registration-events<suffix>}…), see {@link #ownTopics}. */
    public NotificationApi(int port, String topicSuffix) {
        this.base = "http://127.0.0.1:" + port + "/api/notification";
        this.topicSuffix = topicSuffix;
    }

    /**
     * Makes the service read topics of the test's own. The tests share one broker and each reads the shared topics
     * from the start: events that reach every commune of a province (a grading scheme) would land in the inboxes
     * other tests count.
     */
    public static void ownTopics(DynamicPropertyRegistry registry, String suffix) {
        for (String[] binding : new String[][] {{"onRegistrationEvent", "registration-events"},
            {"onCampaignEvent", "campaign-events"}, {"onEvaluationEvent", "evaluation-events"}}) {
            registry.add("spring.cloud.stream.bindings." + binding[0] + "-in-0.destination",
                    () -> binding[1] + suffix);
        }
    }

    public HttpResponse<String> call(String method, String path, String user, String json) throws IOException,
            InterruptedException {
        return call(method, path, user, json, null);
    }

    /** A request sent with {@code X-Correlation-Id: correlationId} (none when null). */
    public HttpResponse<String> call(String method, String path, String user, String json, String correlationId)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TestStack.token(user));
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public JsonNode get(String path, String user) throws IOException, InterruptedException {
        HttpResponse<String> response = call("GET", path, user, null);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " → " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Uploads a CSV as the multipart file of {@code path}. */
    public HttpResponse<String> upload(String path, String user, String fileName, String csv) throws IOException,
            InterruptedException {
        String boundary = "----dvk" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TestStack.token(user))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Publishes an event built from the contract's example with some fields replaced; checked against its schema. */
    public void publish(String topic, String key, String type, Map<String, Object> fields) {
        publish(topic, key, type, fields, null);
    }

    /** As {@link #publish(String, String, String, Map)}, carrying {@code correlationId} as {@code ce_correlationid}. */
    public void publish(String topic, String key, String type, Map<String, Object> fields, String correlationId) {
        ObjectNode event = (ObjectNode) JSON.readTree(Contracts.example(type));
        fields.forEach((name, value) -> event.set(name, JSON.valueToTree(value)));
        String payload = event.toString();
        if (!Contracts.violations(type, payload).isEmpty()) {
            throw new AssertionError(type + " breaks its contract: " + Contracts.violations(type, payload));
        }
        Map<String, String> headers = new java.util.HashMap<>(KafkaProbe.cloudEvent(UUID.randomUUID().toString(), type,
                "urn:dvk:test"));
        if (correlationId != null) {
            headers.put("ce_correlationid", correlationId);
        }
        kafka.send(topic + topicSuffix, key, headers, payload);
    }

    public void launch(String campaignId, String unitCode, LocalDate closes, int collective, int individual) {
        launch(campaignId, unitCode, closes, collective, individual, null);
    }

    /** A campaign launched by a request whose correlation id was {@code correlationId}. */
    public void launch(String campaignId, String unitCode, LocalDate closes, int collective, int individual,
            String correlationId) {
        publish("campaign-events", campaignId, "vn.dvk.campaign.launched.v1", Map.of("campaignId", campaignId,
                "unitCode", unitCode, "closes", closes.toString(), "opens", closes.minusMonths(2).toString(),
                "quotas", List.of(Map.of("unitKind", "COMMUNE", "kind", "COLLECTIVE", "limit", collective),
                        Map.of("unitKind", "COMMUNE", "kind", "INDIVIDUAL", "limit", individual))), correlationId);
    }

    /** A registration event of the lifecycle (submitted, withdrawn…) for a unit in a campaign. */
    public void registration(String event, String campaignId, String unitCode, String registrationId, String kind,
            String status, Instant at) {
        registration(event, campaignId, unitCode, registrationId, kind, status, at, null);
    }

    /** A registration's lifecycle event; {@code title} null keeps the contract example's. */
    public void registration(String event, String campaignId, String unitCode, String registrationId, String kind,
            String status, Instant at, String title) {
        Map<String, Object> fields = new java.util.HashMap<>(Map.of("registrationId", registrationId,
                "campaignId", campaignId, "unitCode", unitCode, "kind", kind, "status", status, "at", at.toString()));
        if (title != null) {
            fields.put("title", title);
        }
        if (List.of("submitted", "resubmitted").contains(event)) {
            fields.put("submittedAt", at.toString());
        }
        publish("registration-events", registrationId, "vn.dvk.registration." + event + ".v1", fields);
    }

    /** The statuses of a schedule's reminders (as the province's coordinator sees them), by offset. */
    public Map<String, String> statusByOffset(String path) throws IOException, InterruptedException {
        Map<String, String> byOffset = new java.util.LinkedHashMap<>();
        get(path, "coordinator.01").get("content").forEach(r -> byOffset.put(r.get("offset").asString(),
                r.get("status").asString()));
        return byOffset;
    }

    public static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.get(field).asString()));
        return values;
    }
}
