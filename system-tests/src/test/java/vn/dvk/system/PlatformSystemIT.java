package vn.dvk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.dvk.kit.testing.KafkaProbe;
import vn.dvk.system.Platform.Service;

/**
 * The whole platform, black box: the local stack and the four services as separate processes, driven over HTTP
 * through the gateway. Includes the crash test of the outbox: registration-service dies between its write and the
 * publish (or between the publish and marking it sent), and after a restart the event arrives downstream exactly once.
 */
class PlatformSystemIT {

    private static Platform platform;
    private static MongoClient mongo;

    @BeforeAll
    static void startPlatform() throws Exception {
        Path data = Files.createTempDirectory("dvk-system-");
        platform = new Platform(data);
        platform.startAll();
        mongo = MongoClients.create(platform.stack().mongoConnectionString());
        Api.campaignId = Api.launchCampaign(platform.url(Service.GATEWAY), platform.token("coordinator.01"));
    }

    @AfterAll
    static void stopPlatform() {
        if (mongo != null) {
            mongo.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aRegistrationSubmittedThroughTheGatewayReachesEvaluationAndTheUnitsInbox() throws Exception {
        String gateway = platform.url(Service.GATEWAY);
        HttpResponse<String> created = Api.postJson(gateway + "/api/registration/registrations",
                Api.registration("00025", "Tổ tự quản đường hoa"), officer());
        assertThat(created.statusCode()).isEqualTo(201);
        String id = Api.json(created).get("id").asText();
        String correlationId = created.headers().firstValue("X-Correlation-Id").orElseThrow();
        assertThat(new KafkaProbe(platform.stack().kafkaBootstrapServers())
                .awaitRecord("registration-events", r -> id.equals(r.key()), Duration.ofSeconds(20)).headers())
                .as("the gateway's correlation id travels with the event").containsEntry("ce_correlationid", correlationId);

        JsonNode dossier = await().atMost(Duration.ofSeconds(20)).until(
                () -> Api.get(gateway + "/api/evaluation/dossiers/" + id, viewer()), r -> r.statusCode() == 200)
                .body().transform(Api.JSON::readTree);
        assertThat(dossier.get("title").asText()).isEqualTo("Tổ tự quản đường hoa");
        assertThat(dossier.get("status").asText()).isEqualTo("AWAITING_REVIEW");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(inboxItemsFor("00025", id)).isEqualTo(1));
    }

    @Test
    void aModelApprovedThroughTheGatewayIsReviewedDecidedAndShowsItsOutcomeInRegistration() throws Exception {
        String gateway = platform.url(Service.GATEWAY);
        String coordinator = platform.token("coordinator.01");
        String reviewer = platform.token("reviewer.01");
        String id = Api.json(Api.postJson(gateway + "/api/registration/registrations",
                Api.registration("00004", "Câu lạc bộ dưỡng sinh " + UUID.randomUUID()), officer())).get("id")
                .asString();
        assertThat(Api.postJson(gateway + "/api/registration/registrations/" + id + "/approve", "", coordinator)
                .statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            HttpResponse<String> dossier = Api.get(gateway + "/api/evaluation/dossiers/" + id, viewer());
            return dossier.statusCode() == 200 && "APPROVED".equals(Api.json(dossier).path("registrationStatus")
                    .asString());
        });

        String evaluation = gateway + "/api/evaluation";
        String rubric = ok(Api.postJson(evaluation + "/criteria-sets", """
                {"campaignId":"%s","unitCode":"01","kind":"COLLECTIVE"}""".formatted(Api.campaignId), coordinator),
                201).get("id").asString();
        java.time.LocalDate today = java.time.LocalDate.now();
        String round = ok(Api.postJson(evaluation + "/rounds", """
                {"campaignId":"%s","unitCode":"01","level":"COMMUNE","title":"Chấm mô hình cấp xã",
                 "opens":"%s","closes":"%s","criteriaSets":{"COLLECTIVE":"%s"},"minReviews":1}"""
                .formatted(Api.campaignId, today, today.plusDays(30), rubric), coordinator), 201).get("id").asString();
        ok(Api.send("PUT", evaluation + "/rounds/" + round + "/panel", """
                {"members":[{"username":"reviewer.01","unitCode":"01"}]}""", coordinator), 200);
        assertThat(ok(Api.postJson(evaluation + "/rounds/" + round + "/open", "", coordinator), 200).get("models")
                .asInt()).as("the approved model only").isEqualTo(1);
        ok(Api.postJson(evaluation + "/rounds/" + round + "/assignments/auto", "", coordinator), 200);
        String model = evaluation + "/rounds/" + round + "/models/" + id;
        ok(Api.send("PUT", model + "/scorecard", """
                {"scores":{"DK":10,"TT1":9,"TT2":9,"TT3":8,"TT4":9,"TT5":9}}""", reviewer), 200);
        ok(Api.postJson(model + "/scorecard/submit", "", reviewer), 200);
        ok(Api.send("PUT", model + "/deliberation", """
                {"votesFor":8,"votesAgainst":0,"votesAbstained":1,"tier":"EXEMPLARY"}""", coordinator), 200);
        ok(Api.postJson(evaluation + "/rounds/" + round + "/decisions", """
                {"number":"7/QĐ-BCĐ","date":"%s","issuingBody":"Ban Chỉ đạo"}""".formatted(today), coordinator), 201);

        // Up to a consumer session (10 s) longer when a crash test killed registration-service just before.
        JsonNode registration = await().atMost(Duration.ofSeconds(40)).until(
                () -> Api.json(Api.get(gateway + "/api/registration/registrations/" + id, viewer())),
                r -> "RECOGNISED".equals(r.path("status").asString()));
        assertThat(registration.at("/outcomes/0/tier").asString()).isEqualTo("EXEMPLARY");
        assertThat(registration.at("/outcomes/0/decisionNumber").asString()).isEqualTo("7/QĐ-BCĐ");
    }

    private static JsonNode ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return Api.json(response);
    }

    @Test
    void theGatewayServesTheWebAppAndPassesProblemDetailsThrough() throws Exception {
        String gateway = platform.url(Service.GATEWAY);
        HttpResponse<String> page = Api.get(gateway + "/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Dân vận khéo");

        HttpResponse<String> refused = Api.postJson(gateway + "/api/registration/registrations",
                "{\"title\":\"\"}", officer());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(Api.json(refused).get("title").asText()).isEqualTo("Dữ liệu không hợp lệ");
    }

    @Test
    void anEventWrittenButNotYetPublishedWhenTheServiceDiesIsDeliveredOnceAfterRestart() throws Exception {
        String title = "Sổ tay dân vận " + UUID.randomUUID();
        String id = submitWhileCrashingAt("BEFORE_PUBLISH", "00004", title);
        assertThat(pendingEvents(id)).as("the event survived the crash in the outbox").hasSize(1);
        assertThat(recordsFor(id, Duration.ofSeconds(2))).as("nothing was published before the crash").isEmpty();

        restartRegistration();
        awaitDeliveredExactlyOnce("00004", id);
        assertThat(recordsFor(id, Duration.ofSeconds(5))).hasSize(1);
    }

    @Test
    void anEventPublishedButNotMarkedSentWhenTheServiceDiesIsSentAgainAndStillAppliedOnce() throws Exception {
        String title = "Chợ an toàn thực phẩm " + UUID.randomUUID();
        String id = submitWhileCrashingAt("AFTER_PUBLISH", "00008", title);
        assertThat(pendingEvents(id)).as("still pending: the crash came before marking it sent").hasSize(1);

        restartRegistration();
        awaitDeliveredExactlyOnce("00008", id);
        List<KafkaProbe.Received> records = recordsFor(id, Duration.ofSeconds(5));
        assertThat(records).as("published twice, with the same event id").hasSize(2);
        assertThat(records.get(0).headers().get("ce_id")).isEqualTo(records.get(1).headers().get("ce_id"));
    }

    @Test
    void everyApiAnswers401WithoutATokenAndPagesCarryTheSecurityHeaders() throws Exception {
        String gateway = platform.url(Service.GATEWAY);
        for (String path : List.of("/api/registration/registrations?unitCode=00004",
                "/api/evaluation/dossiers?unitCode=00004", "/api/notification/inbox?unitCode=00004",
                "/api/gateway/admin/audit", "/session")) {
            HttpResponse<String> anonymous = Api.get(gateway + path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
            assertThat(Api.json(anonymous).get("code").asText()).as(path).isEqualTo("unauthenticated");
        }
        HttpResponse<String> page = Api.get(gateway + "/", null);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Correlation-Id")).isPresent();
    }

    @Test
    void aPersonSignsInWithPkceAndTheGatewayRelaysTheirTokenWithinTheirUnitOnly() throws Exception {
        String gateway = platform.url(Service.GATEWAY);
        Browser browser = new Browser();
        browser.signIn(gateway, "officer.00004");

        JsonNode session = Api.JSON.readTree(browser.get(gateway + "/session").body());
        assertThat(session.get("username").asText()).isEqualTo("officer.00004");
        assertThat(session.get("unitCode").asText()).isEqualTo("00004");
        assertThat(session.get("roles").toString()).isEqualTo("[\"UNIT_OFFICER\"]");

        assertThat(browser.get(gateway + "/api/registration/registrations?unitCode=00004").statusCode())
                .isEqualTo(200);
        assertThat(browser.get(gateway + "/api/registration/registrations?unitCode=00008").statusCode())
                .as("a sibling commune").isEqualTo(403);
        String body = Api.registration("00004", "Đăng ký từ trình duyệt " + UUID.randomUUID());
        assertThat(browser.postJson(gateway + "/api/registration/registrations", body, false).statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(browser.postJson(gateway + "/api/registration/registrations", body, true).statusCode())
                .isEqualTo(201);

        HttpResponse<String> audit = Api.get(gateway + "/api/gateway/admin/audit?action=sign-in",
                platform.token("admin.01"));
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains("\"actorName\":\"officer.00004\"").contains("\"outcome\":\"succeeded\"");
        assertThat(Api.get(gateway + "/api/gateway/admin/audit", platform.token("admin.00008")).body())
                .as("an administrator of a sibling commune does not see it").doesNotContain("officer.00004");
        assertThat(browser.get(gateway + "/api/gateway/admin/audit").statusCode()).as("not an ADMIN").isEqualTo(403);
        assertThat(Api.get(gateway + "/api/gateway/admin/audit?action=access.denied", platform.token("admin.00004"))
                .body()).as("the refusal is in the audit trail").contains("\"actorName\":\"officer.00004\"");
    }

    @Test
    void signingOutEndsTheSessionSoThatItsOldCookieIsRefused() throws Exception {
        String gateway = platform.url(Service.GATEWAY);
        Browser browser = new Browser();
        browser.signIn(gateway, "officer.00008");
        assertThat(browser.get(gateway + "/session").statusCode()).isEqualTo(200);
        String session = browser.cookie("SESSION");
        String csrf = browser.cookie("XSRF-TOKEN");

        HttpResponse<String> signOut = browser.postJson(gateway + "/logout", "", true);
        assertThat(signOut.statusCode()).isEqualTo(302);
        String endSession = signOut.headers().firstValue("Location").orElseThrow();
        assertThat(endSession).as("the identity provider's session is ended too")
                .startsWith(platform.stack().identity().issuer() + "/protocol/openid-connect/logout");
        assertThat(java.net.URLDecoder.decode(endSession, java.nio.charset.StandardCharsets.UTF_8))
                .as("back to the configured gateway").contains("post_logout_redirect_uri=" + gateway + "/");
        HttpResponse<String> back = browser.get(endSession);
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location")).hasValue(gateway + "/");

        // Someone who kept the old cookies (a shared office PC, a copied cookie) gets nothing with them.
        HttpClient stale = HttpClient.newHttpClient();
        HttpResponse<String> who = stale.send(HttpRequest.newBuilder(URI.create(gateway + "/session"))
                .header("Cookie", "SESSION=" + session).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(who.statusCode()).isEqualTo(401);
        HttpResponse<String> change = stale.send(HttpRequest.newBuilder(URI.create(gateway
                        + "/api/notification/inbox/mine/read-all"))
                .header("Cookie", "SESSION=" + session + "; XSRF-TOKEN=" + csrf).header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(change.statusCode()).isEqualTo(401);
        assertThat(change.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void everyServiceListensOnlyOnTheBindAddress() {
        // 127.0.0.2 is this machine too: a server listening on every interface answers there, one bound to
        // 127.0.0.1 (DVK_BIND_HOST's default) does not — so nothing on the network reaches a service around the gateway.
        for (Service service : Service.values()) {
            int port = URI.create(platform.url(service)).getPort();
            assertThatThrownBy(() -> new java.net.Socket("127.0.0.2", port).close()).as(service.module)
                    .isInstanceOf(java.net.ConnectException.class);
        }
    }

    @Test
    void signInAndOutNeverRedirectToAHostTheConfigurationDoesNotName() throws Exception {
        int port = URI.create(platform.url(Service.GATEWAY)).getPort();
        for (String path : List.of("/oauth2/authorization/dvk", "/logout")) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: evil.example\r\n"
                        + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8);
                assertThat(answer).as(path).startsWith("HTTP/1.1 400").contains("origin-not-allowed")
                        .doesNotContainIgnoringCase("Location:");
            }
        }
    }

    @Test
    void aChangeWithoutAnyCredentialsIsAskedToSignInAsAProblemDetail() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        platform.url(Service.GATEWAY) + "/api/notification/inbox/mine/read-all"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(anonymous.body()).contains("\"code\":\"unauthenticated\"");
    }

    @Test
    void anOfficerSetsHowTheyAreNotifiedAndReadsTheirInboxInTheWebApp() throws Exception {
        String gateway = platform.url(Service.GATEWAY);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String address = "can-bo." + run + "@ngocha.example.vn";
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.open(gateway + "/");
            assertThat(browser.eval("document.getElementById('inbox').hidden").asBoolean())
                    .as("signed out: no inbox").isTrue();
            browser.click("#sign-in");
            browser.waitFor("document.getElementById('username')");
            browser.type("#username", "officer.00008");
            browser.type("#password", vn.dvk.kit.testing.Tokens.DEMO_PASSWORD);
            browser.click("button[type=submit]");
            browser.waitFor("location.pathname === '/' && !document.getElementById('inbox').hidden "
                    + "&& document.getElementById('inbox-status').textContent !== ''");
            assertThat(browser.text("#greeting")).startsWith("Xin chào").contains("Cán bộ đơn vị, đơn vị 00008");

            // How to be notified: a wrong address is refused next to its field, in Vietnamese; a right one is saved.
            browser.waitFor("document.getElementById('pref-name').value !== ''");
            assertThat(browser.eval("document.getElementById('pref-name').value").asString())
                    .as("not in the directory yet: the name from sign-in").isEqualTo("Đinh Thị Oanh");
            browser.type("#pref-email", "khong-phai-dia-chi");
            browser.click("input[name=channels][value=EMAIL]");
            browser.click("#preferences-form button[type=submit]");
            browser.waitFor("document.getElementById('pref-email-error').textContent !== ''");
            assertThat(browser.text("#preferences-error")).startsWith("Dữ liệu không hợp lệ");
            assertThat(browser.eval("document.getElementById('pref-email').getAttribute('aria-invalid')").asString())
                    .isEqualTo("true");
            browser.type("#pref-email", address);
            browser.click("#preferences-form button[type=submit]");
            browser.waitFor("document.getElementById('preferences-status').textContent === 'Đã lưu.'");
            JsonNode me = Api.json(Api.get(gateway + "/api/notification/recipients/me",
                    platform.token("officer.00008")));
            assertThat(me.get("email").asString()).isEqualTo(address);
            assertThat(me.get("channels").toString()).contains("EMAIL").contains("INBOX");

            // A model filed for the ward: its officer hears of it in the inbox and by e-mail.
            String title = "Mô hình đọc sách cùng con " + run;
            assertThat(Api.postJson(gateway + "/api/registration/registrations", Api.registration("00008", title),
                    platform.token("officer.00008")).statusCode()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(platform.stack().mail()
                    .receivedMessages()).anySatisfy(m -> {
                        assertThat(m.to()).containsExactly(address);
                        assertThat(m.subject()).contains(title);
                    }));
            browser.open(gateway + "/");
            String item = "[...document.querySelectorAll('#inbox-list li')].find(li => li.innerText.includes("
                    + Api.JSON.valueToTree(title) + "))";
            browser.waitFor(item + " && " + item + ".classList.contains('unread')");
            long unread = Api.json(Api.get(gateway + "/api/notification/inbox/mine/unread-count",
                    platform.token("officer.00008"))).get("unread").asLong();
            assertThat(unread).isPositive();
            assertThat(browser.text("#unread-badge")).isEqualTo(Long.toString(unread));

            browser.click("#inbox-list li[data-id=\"" + browser.eval(item + ".dataset.id").asString()
                    + "\"] .mark-read");
            browser.waitFor("!" + item + ".classList.contains('unread')");
            assertThat(browser.text("#inbox-link").trim()).as("the unread count shown, none when there is none")
                    .isEqualTo(unread == 1 ? "Hộp thư" : "Hộp thư " + (unread - 1));
            assertThat(Api.get(gateway + "/api/notification/inbox/mine?unread=true", platform.token("officer.00008"))
                    .body()).as("read, for the API too").doesNotContain(title);
            assertThat(browser.scriptErrors()).as("the page's scripts ran without an error").isEmpty();
            browser.screenshot(Path.of("target", "web-app-inbox.png"));
        }
    }

    @Test
    void aBurstOfExpensiveRequestsBeyondTheLimitGets429WithRetryAfter() throws Exception {
        String gateway = platform.url(Service.GATEWAY);
        String token = platform.token("reviewer.01");
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> response = Api.get(gateway + "/api/registration/registrations/search?q=ong", token);
            statuses.add(response.statusCode());
            if (response.statusCode() == 429 && limited == null) {
                limited = response;
            }
        }
        assertThat(statuses.subList(0, 5)).as("within the burst of 5").doesNotContain(429);
        assertThat(limited).as("beyond the burst: " + statuses).isNotNull();
        assertThat(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(Api.json(limited).get("code").asText()).isEqualTo("rate-limited");
    }

    @Test
    void aStoppedServiceAnswersAProblemDetailQuicklyWhileTheOthersKeepWorking() throws Exception {
        String gateway = platform.url(Service.GATEWAY);
        platform.stop(Service.NOTIFICATION);
        try {
            long started = System.nanoTime();
            HttpResponse<String> down = Api.get(gateway + "/api/notification/inbox?unitCode=00004", viewer());
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(Api.json(down).get("code").asText()).isEqualTo("service-unavailable");
            assertThat(Api.json(down).get("detail").asText()).contains("thông báo");
            assertThat(millis).as("answered within the connect timeout, not the response timeout").isLessThan(5000);
            assertThat(Api.get(gateway + "/api/registration/registrations?unitCode=00004", viewer()).statusCode())
                    .isEqualTo(200);
        } finally {
            platform.start(Service.NOTIFICATION, Map.of());
            platform.awaitHealthy(Service.NOTIFICATION);
        }
    }

    /** Restarts registration-service with a crash point, submits, and waits for the process to die there. */
    private String submitWhileCrashingAt(String crashPoint, String unitCode, String title) throws Exception {
        // The crash point halts at the first pending event: everything earlier (the campaign's launch) must be out.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (String collection : List.of("registrations", "campaigns")) {
                if (mongo.getDatabase("registration").getCollection(collection)
                        .countDocuments(Filters.not(Filters.size("outbox", 0))) > 0) {
                    return false;
                }
            }
            return true;
        });
        platform.stop(Service.REGISTRATION);
        platform.start(Service.REGISTRATION, Map.of("DVK_OUTBOX_CRASH_POINT", crashPoint));
        platform.awaitHealthy(Service.REGISTRATION);
        try {
            Api.postJson(platform.url(Service.REGISTRATION) + "/api/registration/registrations",
                    Api.registration(unitCode, title), officer());
        } catch (java.io.IOException diedBeforeAnswering) {
            // The crash may come before the HTTP answer: the registration is found in the store below.
        }
        Process process = platform.process(Service.REGISTRATION);
        assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("crashed").isTrue();
        assertThat(process.exitValue()).isEqualTo(137);
        Document stored = mongo.getDatabase("registration").getCollection("registrations")
                .find(Filters.eq("form.title", title)).first();
        assertThat(stored).as("the write was acknowledged before the crash").isNotNull();
        return stored.getString("_id");
    }

    private void restartRegistration() {
        platform.stop(Service.REGISTRATION);
        platform.start(Service.REGISTRATION, Map.of());
        platform.awaitHealthy(Service.REGISTRATION);
    }

    private void awaitDeliveredExactlyOnce(String unitCode, String id) throws Exception {
        String gateway = platform.url(Service.GATEWAY);
        await().atMost(Duration.ofSeconds(30)).until(
                () -> Api.get(gateway + "/api/evaluation/dossiers/" + id, viewer()).statusCode() == 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> pendingEvents(id).isEmpty());
        // A later registration of the same unit, once visible, shows that every earlier copy was processed.
        String marker = Api.json(Api.postJson(gateway + "/api/registration/registrations",
                Api.registration(unitCode, "Mô hình đối chứng " + UUID.randomUUID()), officer())).get("id")
                .asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxItemsFor(unitCode, marker) == 1);
        assertThat(inboxItemsFor(unitCode, id)).isEqualTo(1);
        Document dossier = mongo.getDatabase("evaluation").getCollection("dossiers").find(Filters.eq("_id", id))
                .first();
        assertThat(dossier.getList("appliedEvents", String.class)).hasSize(1);
    }

    /** The demo officer of Hà Nội, who may register for any of its communes. */
    private static String officer() {
        return platform.token("officer.01");
    }

    /** The demo viewer of Hà Nội, who may read everything in it. */
    private static String viewer() {
        return platform.token("viewer.01");
    }

    private List<Document> pendingEvents(String id) {
        Document doc = mongo.getDatabase("registration").getCollection("registrations").find(Filters.eq("_id", id))
                .first();
        return doc.getList("outbox", Document.class);
    }

    private List<KafkaProbe.Received> recordsFor(String id, Duration readFor) {
        return new KafkaProbe(platform.stack().kafkaBootstrapServers())
                .readUntil("registration-events", r -> false, readFor).stream()
                .filter(r -> id.equals(r.key())).toList();
    }

    private int inboxItemsFor(String unitCode, String registrationId) throws Exception {
        JsonNode page = Api.json(Api.get(platform.url(Service.GATEWAY) + "/api/notification/inbox?unitCode="
                + unitCode + "&size=200", viewer()));
        int count = 0;
        for (JsonNode item : page.get("content")) {
            count += registrationId.equals(item.get("reference").asText()) ? 1 : 0;
        }
        return count;
    }
}
