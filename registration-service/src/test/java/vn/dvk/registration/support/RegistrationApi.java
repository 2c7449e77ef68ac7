package vn.dvk.registration.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dvk.kit.testing.TestStack;

/** registration-service's REST API as the tests drive it, as the demo users of the local stack. */
public final class RegistrationApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;

    public RegistrationApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Today in Vietnam, which is what registration windows are in. */
    public static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    }

    /** A campaign plan for unit {@code unitCode}, all fields, commune level, window {@code opens}–{@code closes}. */
    public static String plan(String unitCode, String title, LocalDate opens, LocalDate closes, String quotas) {
        return """
                {"unitCode":"%s","year":%d,"title":"%s","levels":["COMMUNE"],
                 "fields":["ECONOMY","CULTURE_SOCIETY","DEFENSE_SECURITY","POLITICAL_SYSTEM"],
                 "opens":"%s","closes":"%s","quotas":%s}""".formatted(unitCode, opens.getYear(), title, opens, closes,
                quotas);
    }

    /** Drafts and launches a campaign as {@code coordinator}; returns its id. */
    public String launchCampaign(String coordinator, String plan) throws IOException, InterruptedException {
        HttpResponse<String> drafted = send("POST", "/api/registration/campaigns", plan, coordinator);
        if (drafted.statusCode() != 201) {
            throw new IllegalStateException("campaign not drafted: " + drafted.body());
        }
        String id = json(drafted).get("id").asString();
        HttpResponse<String> launched = send("POST", "/api/registration/campaigns/" + id + "/launch", null,
                coordinator);
        if (launched.statusCode() != 200) {
            throw new IllegalStateException("campaign not launched: " + launched.body());
        }
        return id;
    }

    /** A registration form in campaign {@code campaignId}. */
    public static String form(String campaignId, String unitCode, String title, String kind, String field) {
        return """
                {"campaignId":"%s","unitCode":"%s","title":"%s","kind":"%s","field":"%s"}"""
                .formatted(campaignId, unitCode, title, kind, field);
    }

    public HttpResponse<String> send(String method, String path, String json, String user)
            throws IOException, InterruptedException {
        return send(method, path, json, user, "vi");
    }

    public HttpResponse<String> send(String method, String path, String json, String user, String language)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept-Language", language)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Bearer " + TestStack.token(user));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Uploads a file as the part {@code file} of a multipart/form-data POST, as a browser's form does. */
    public HttpResponse<String> upload(String path, String fileName, byte[] content, String user)
            throws IOException, InterruptedException {
        String boundary = "b-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TestStack.token(user))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
