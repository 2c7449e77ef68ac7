package vn.dvk.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the platform's JSON API. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Api() {
    }

    /** GET with a bearer token (null for none). */
    static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        return HTTP.send(request(url, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postJson(String url, String json, String token)
            throws IOException, InterruptedException {
        return HTTP.send(request(url, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Any method with a JSON body (null for none). */
    static HttpResponse<String> send(String method, String url, String json, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(url, token).method(method, json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** A registration in the campaign the system tests launch at start ({@link #campaignId}). */
    static String registration(String unitCode, String title) {
        return "{\"campaignId\":\"" + campaignId + "\",\"unitCode\":\"" + unitCode + "\",\"title\":\"" + title
                + "\",\"kind\":\"COLLECTIVE\",\"field\":\"CULTURE_SOCIETY\"}";
    }

    static String campaignId;

    /** Drafts and launches, through {@code gateway}, a campaign of Hà Nội open from yesterday for a month. */
    static String launchCampaign(String gateway, String coordinatorToken) throws IOException, InterruptedException {
        return launchCampaign(gateway, coordinatorToken,
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(30), "[]");
    }

    /** Drafts and launches a campaign of Hà Nội's communes, open since yesterday, with the quotas given (JSON). */
    static String launchCampaign(String gateway, String coordinatorToken, java.time.LocalDate closes, String quotas)
            throws IOException, InterruptedException {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
        String plan = """
                {"unitCode":"01","year":%d,"title":"Phong trào Dân vận khéo %d","levels":["COMMUNE"],
                 "fields":["ECONOMY","CULTURE_SOCIETY","DEFENSE_SECURITY","POLITICAL_SYSTEM"],
                 "opens":"%s","closes":"%s","quotas":%s}""".formatted(today.getYear(), today.getYear(),
                today.minusDays(1), closes, quotas);
        HttpResponse<String> drafted = postJson(gateway + "/api/registration/campaigns", plan, coordinatorToken);
        if (drafted.statusCode() != 201) {
            throw new IllegalStateException("campaign not drafted: " + drafted.body());
        }
        String id = json(drafted).get("id").asString();
        HttpResponse<String> launched = postJson(gateway + "/api/registration/campaigns/" + id + "/launch", "",
                coordinatorToken);
        if (launched.statusCode() != 200) {
            throw new IllegalStateException("campaign not launched: " + launched.body());
        }
        return id;
    }

    /** Uploads a UTF-8 CSV as the multipart part {@code file}. */
    static HttpResponse<String> upload(String url, String fileName, String csv, String token)
            throws IOException, InterruptedException {
        String boundary = "----dvk" + java.util.UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        return HTTP.send(request(url, token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
