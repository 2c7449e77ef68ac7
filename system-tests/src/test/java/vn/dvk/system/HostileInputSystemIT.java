package vn.dvk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.dvk.kit.testing.Tokens;
import vn.dvk.system.HostileRequests.Hostile;
import vn.dvk.system.HostileRequests.Operation;
import vn.dvk.system.HostileRequests.Route;
import vn.dvk.system.Platform.Service;

/**
 * Hostile input, black box: thousands of requests generated from the three services' OpenAPI documents (and the
 * gateway's own), each a valid request spoilt in one way — encodings, types, sizes, ranges, nesting, framing, headers —
 * sent to each service directly and through the gateway, with the token of a user allowed to call the operation so
 * that the input reaches the parsing and validation ({@link HostileRequests} says what is sent). Every answer must be
 *
 * <ul>
 * <li>an answer, and not a server error (5xx);</li>
 * <li>when an error (4xx), {@code application/problem+json} with a {@code code} — no exception: the services' own
 * refusals (401, 403, 404, 405, 413, 415, 429) are problem details too, and so must be those of the servers in front
 * of the code (Tomcat, the gateway's Netty), since a client cannot tell who refused;</li>
 * <li>when a change was asked for, a refusal: each request is invalid, so a 2xx means hostile input was accepted (a
 * 2xx to a read is fine, and so is an event stream that opens: it is not read past its headers).</li>
 * </ul>
 *
 * Nothing stored may change: the store ({@link StoreFingerprint} says what is left out and why) is compared before
 * and after the hostile requests; then the requests for a change that were refused are sent again and the store must
 * not change at all — whatever the first pass accepted has had its effect by then, so a change in the second pass is
 * one that a refused request made.
 *
 * <p>Not sent: unknown paths outside {@code /api} at the gateway (they are the web app's, answered as pages); the
 * rate limits, which are raised for the run (tested in {@link PlatformSystemIT}).
 *
 * <p>Deterministic: the requests come from a fixed seed ({@code -Ddvk.fuzz.seed}, printed), so a failure reproduces;
 * {@code -Ddvk.fuzz.requests} sets how many (over both routes, before the second pass), {@code -Ddvk.fuzz.threads}
 * how many at once and {@code -Ddvk.fuzz.budget} the time after which the rest are left out (and reported as such).
 * A report is printed and written to {@code target/hostile-input-report.txt}, every request and answer to
 * {@code target/hostile-input-requests.tsv}.
 */
class HostileInputSystemIT {

    private static final long SEED = Long.getLong("dvk.fuzz.seed", 20_261_204L);
    private static final int WANTED = Integer.getInteger("dvk.fuzz.requests", 10_000);
    private static final int THREADS = Integer.getInteger("dvk.fuzz.threads", 6);
    private static final Duration BUDGET = Duration.parse(System.getProperty("dvk.fuzz.budget", "PT5M"));
    private static final Duration TIMEOUT = Duration.ofSeconds(25);
    private static final List<String> DATABASES = List.of("registration", "evaluation", "notification", "gateway");
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private static Platform platform;
    private static MongoClient mongo;
    private static final Map<Service, String> URLS = new EnumMap<>(Service.class);
    private static String tokenEndpoint;

    @BeforeAll
    static void startPlatform() throws Exception {
        String attach = System.getProperty("dvk.fuzz.attach", "");
        if (!attach.isBlank()) {
            // A platform already running (with its gateway's rate limits raised, as below), to try fixes quickly:
            // gateway,registration,evaluation,notification URLs, the token endpoint and the MongoDB URI.
            String[] parts = attach.split(",");
            for (Service service : Service.values()) {
                URLS.put(service, parts[service.ordinal() == 3 ? 0 : service.ordinal() + 1]);
            }
            tokenEndpoint = parts[4];
            mongo = MongoClients.create(parts[5]);
            return;
        }
        platform = new Platform(Files.createTempDirectory("dvk-hostile-"));
        for (Service service : List.of(Service.REGISTRATION, Service.EVALUATION, Service.NOTIFICATION)) {
            platform.start(service, Map.of());
        }
        // The rate limits are tested elsewhere (PlatformSystemIT); here they would only turn hostile requests into
        // 429s at the gateway before they reach the services.
        Map<String, String> unlimited = new HashMap<>();
        for (String limit : List.of("ADDRESS", "USER", "EXPENSIVE", "SIGNIN")) {
            unlimited.put("DVK_RATE_" + limit + "_PER_SECOND", "100000");
            unlimited.put("DVK_RATE_" + limit + "_BURST", "100000");
        }
        platform.start(Service.GATEWAY, unlimited);
        for (Service service : Service.values()) {
            platform.awaitHealthy(service);
            URLS.put(service, platform.url(service));
        }
        tokenEndpoint = platform.stack().identity().tokenEndpoint();
        mongo = MongoClients.create(platform.stack().mongoConnectionString());
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

    /** Tokens live five minutes at the local identity provider: fetched again after four. */
    private static final Map<String, Object[]> TOKENS = new ConcurrentHashMap<>();

    private static String token(String user) {
        Object[] token = TOKENS.compute(user, (u, cached) -> cached != null
                && System.nanoTime() - (long) cached[1] < Duration.ofMinutes(4).toNanos() ? cached
                : new Object[] {Tokens.password(tokenEndpoint, u), System.nanoTime()});
        return (String) token[0];
    }

    @Test
    void hostileRequestsAreRefusedWithProblemDetailsAndChangeNothing() throws Exception {
        long started = System.nanoTime();
        Map<String, String> ids = createObjectsToAimAt();
        List<Operation> operations = new ArrayList<>();
        for (Service service : List.of(Service.REGISTRATION, Service.EVALUATION, Service.NOTIFICATION)) {
            String name = service.module.replace("-service", "");
            operations.addAll(HostileRequests.operations(name, apiDocs(URLS.get(service)), "/api/", false));
        }
        operations.addAll(HostileRequests.operations("gateway", apiDocs(URLS.get(Service.GATEWAY)),
                "/api/gateway/", true));
        Map<String, String> users = whoMayCall(operations, ids);
        HostileRequests generator = new HostileRequests(SEED, ids, users);
        List<Hostile> hostile = generator.generate(operations, WANTED);
        long known = hostile.stream().filter(Hostile::known).mapToInt(h -> h.routes().size()).sum();
        long all = hostile.stream().mapToInt(h -> h.routes().size()).sum();
        System.out.printf("Hostile input: seed %d, %d operations, %d requests (%d of known cases, %d drawn at random),"
                + " %d threads%n", SEED, operations.size(), all, known, all - known, THREADS);
        if (!generator.unknownPatterns.isEmpty()) {
            System.out.println("Patterns without a valid example (their fields get \"x\"): "
                    + generator.unknownPatterns);
        }

        // Phase 1: every hostile request. Then the store once it is quiet again.
        List<Object[]> tasks = new ArrayList<>();
        for (Hostile h : hostile) {
            for (Route route : h.routes()) {
                tasks.add(new Object[] {h, route});
            }
        }
        StoreFingerprint before = quietStore(true);
        long sendStarted = System.nanoTime();
        List<Result> results = send(tasks, BUDGET);
        long sendMillis = (System.nanoTime() - sendStarted) / 1_000_000;
        StoreFingerprint after = quietStore(false);
        List<String> storedChanges = after.differencesFrom(before);

        // Phase 2: the requests for a change that were refused, once more. Whatever phase 1 accepted has had its
        // effect by now, so any change to the store here is made by a request that was refused.
        List<Object[]> refused = new ArrayList<>();
        for (Result r : results) {
            // Not those refused for a concurrent change (409): another hostile request changed the object meanwhile.
            if (r.hostile().mutating() && r.response() != null && r.response().status() != 409
                    && (r.response().status() < 0 || r.response().status() >= 400)) {
                refused.add(new Object[] {r.hostile(), r.route()});
            }
        }
        long replayStarted = System.nanoTime();
        List<Result> replayed = send(refused, BUDGET);
        long replayMillis = (System.nanoTime() - replayStarted) / 1_000_000;
        List<String> replayChanges = quietStore(false).differencesFrom(after);

        Report report = new Report(results, storedChanges, before.size(), sendMillis,
                (System.nanoTime() - started) / 1_000_000, all, replayed, replayChanges, replayMillis);
        String text = report.render();
        System.out.println(text);
        Path file = Path.of("target", "hostile-input-report.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        // Every request and its answer, one a line, to look one up or replay it.
        List<String> lines = new ArrayList<>(List.of("phase\troute\tstatus\tms\toperation\tcase\tdetail\tuser\tmethod"
                + "\ttarget\tanswer"));
        List<Result> both = new ArrayList<>(results);
        both.addAll(replayed);
        for (int i = 0; i < both.size(); i++) {
            Result r = both.get(i);
            RawHttp.Response a = r.response();
            lines.add(String.join("\t", i < results.size() ? "1" : "2", r.route().name(),
                    a == null ? "left out" : String.valueOf(a.status()), a == null ? "" : String.valueOf(a.millis()),
                    r.hostile().operation(), r.hostile().caseName(),
                    Report.clip(r.hostile().detail(), 100), r.hostile().user(), r.hostile().request().method(),
                    Report.clip(r.hostile().request().target(), 300),
                    a == null ? "" : Report.clip((a.status() < 0 ? a.error() : a.text()).replaceAll("\\s+", " "),
                            300)));
        }
        Files.write(file.resolveSibling("hostile-input-requests.tsv"), lines);

        // All at once, so that one failure does not hide the others.
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(report.failures().size()).as("hostile requests answered wrongly (seed %d), in %d classes;"
                    + " full report in %s:%n%s", SEED, report.classes(), file.toAbsolutePath(),
                    report.failureClasses(12)).isZero();
            soft.assertThat(replayChanges).as("stored changes made by requests that were refused (seed %d)", SEED)
                    .isEmpty();
            soft.assertThat(report.acceptedOnReplay()).as("refused requests accepted when sent again (seed %d)", SEED)
                    .isEmpty();
            soft.assertThat(storedChanges).as("stored changes from the hostile requests (seed %d), made by the %d"
                    + " accepted ones listed in the report if any", SEED, report.accepted()).isEmpty();
            soft.assertThat(report.skipped()).as("requests left out after the time budget of %s", BUDGET).isZero();
        });
    }

    // --- what the requests aim at ----------------------------------------------------------------------------------

    /**
     * Objects for the path parameters to name, so that spoilt bodies reach the services' logic: a launched and a
     * draft campaign, an approved and a draft registration with an attachment, an organisation, a rubric, an open
     * round with a reviewer assigned, a grading scheme, a recipient and an inbox item (and a delivery, if one is made).
     * Whatever cannot be made is reported, and its operations get ids that do not exist.
     */
    private static Map<String, String> createObjectsToAimAt() throws Exception {
        String gateway = URLS.get(Service.GATEWAY);
        String registration = gateway + "/api/registration";
        String evaluation = gateway + "/api/evaluation";
        String notification = gateway + "/api/notification";
        String coordinator = token("coordinator.01");
        String officer = token("officer.01");
        String admin = token("admin.01");
        Map<String, String> ids = new LinkedHashMap<>();
        LocalDate today = LocalDate.now(ZONE);

        String campaign = Api.launchCampaign(gateway, coordinator);
        Api.campaignId = campaign;
        ids.put("campaign", campaign);
        ids.put("draftCampaign", created(Api.postJson(registration + "/campaigns", """
                {"unitCode":"01","year":%d,"title":"Kế hoạch nháp để thử","levels":["COMMUNE"],"fields":["ECONOMY"],
                 "opens":"%s","closes":"%s"}""".formatted(today.getYear(), today.plusDays(40), today.plusDays(70)),
                coordinator), "draft campaign"));
        String approved = created(Api.postJson(registration + "/registrations",
                Api.registration("00004", "Mô hình để thử đầu vào"), officer), "registration");
        ids.put("registration", approved);
        expect(Api.postJson(registration + "/registrations/" + approved + "/approve", "", coordinator), 200,
                "approval");
        String draft = created(Api.postJson(registration + "/registrations", """
                {"campaignId":"%s","unitCode":"00004","title":"Bản nháp để thử đầu vào","kind":"INDIVIDUAL",
                 "field":"ECONOMY","owner":{"type":"PERSON","name":"Nguyễn Văn Thử"},"submit":false}"""
                .formatted(campaign), officer), "draft registration");
        ids.put("draftRegistration", draft);
        ids.put("organisation", created(Api.postJson(registration + "/units/00004/organisations",
                "{\"kind\":\"SCHOOL\",\"name\":\"Trường thử đầu vào\"}", officer), "organisation"));
        HttpResponse<String> uploaded = Api.upload(registration + "/registrations/" + draft + "/attachments",
                "bien-ban.pdf", new String(HostileRequests.MINIMAL_PDF, StandardCharsets.US_ASCII), officer);
        if (uploaded.statusCode() / 100 == 2) {
            JsonNode body = Api.json(uploaded);
            JsonNode attachments = body.path("attachments");
            ids.put("attachment", attachments.isArray() && !attachments.isEmpty()
                    ? attachments.get(attachments.size() - 1).path("id").asString() : body.path("id").asString());
        } else {
            System.out.println("Setup: no attachment: " + uploaded.statusCode() + " " + uploaded.body());
        }

        String rubric = created(Api.postJson(evaluation + "/criteria-sets", """
                {"campaignId":"%s","unitCode":"01","kind":"COLLECTIVE"}""".formatted(campaign), coordinator), "rubric");
        ids.put("rubric", rubric);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                HttpResponse<String> dossier = Api.get(evaluation + "/dossiers/" + approved, admin);
                return dossier.statusCode() == 200
                        && "APPROVED".equals(Api.json(dossier).path("registrationStatus").asString());
            });
        } catch (ConditionTimeoutException e) {
            System.out.println("Setup: the approved registration did not reach evaluation-service");
        }
        String round = created(Api.postJson(evaluation + "/rounds", """
                {"campaignId":"%s","unitCode":"01","level":"COMMUNE","title":"Vòng chấm để thử",
                 "opens":"%s","closes":"%s","criteriaSets":{"COLLECTIVE":"%s"},"minReviews":1}"""
                .formatted(campaign, today, today.plusDays(30), rubric), coordinator), "round");
        ids.put("round", round);
        expect(Api.send("PUT", evaluation + "/rounds/" + round + "/panel",
                "{\"members\":[{\"username\":\"reviewer.01\",\"unitCode\":\"01\"}]}", coordinator), 200, "panel");
        expect(Api.postJson(evaluation + "/rounds/" + round + "/open", "", coordinator), 200, "opening the round");
        expect(Api.postJson(evaluation + "/rounds/" + round + "/assignments/auto", "", coordinator), 200,
                "assignment");
        ids.put("scheme", created(Api.postJson(evaluation + "/grading-schemes", """
                {"unitCode":"01","year":%d,"subject":"UNIT","title":"Chấm điểm để thử",
                 "criteria":[{"code":"TC1","title":"Tiêu chí 1","selfMax":10,"superiorMax":10}],"bonusMax":5,
                 "thresholds":[{"grade":"POOR","label":"Chưa đạt","minPoints":0},
                               {"grade":"GOOD","label":"Tốt","minPoints":5}],"selfAssessmentDue":"%s"}"""
                .formatted(today.getYear(), today.plusDays(10)), coordinator), "grading scheme"));
        // A grading may be started on first reading: read it now, so that the reads below change nothing.
        Api.get(evaluation + "/grading-schemes/" + ids.get("scheme") + "/gradings/00004", admin);

        ids.put("recipient", created(Api.postJson(notification + "/recipients", """
                {"unitCode":"00004","name":"Người nhận để thử","email":"nguoi-nhan-thu@example.vn",
                 "roles":["UNIT_OFFICER"],"channels":["INBOX"]}""", admin), "recipient"));
        try {
            ids.put("inbox", await().atMost(Duration.ofSeconds(30)).until(() -> Api.json(Api.get(notification
                    + "/inbox?unitCode=00004", admin)).path("content").path(0).path("id").asString(""),
                    id -> !id.isEmpty()));
        } catch (ConditionTimeoutException e) {
            System.out.println("Setup: no inbox item for 00004");
        }
        String delivery = Api.json(Api.get(notification + "/deliveries", admin)).path("content").path(0).path("id")
                .asString("");
        if (!delivery.isEmpty()) {
            ids.put("delivery", delivery);
        }
        System.out.println("Objects aimed at: " + ids);
        return ids;
    }

    private static String created(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            System.out.println("Setup: no " + what + ": " + response.statusCode() + " " + response.body());
            return HostileRequests.GARBAGE_ID;
        }
        return Api.json(response).path("id").asString(HostileRequests.GARBAGE_ID);
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            System.out.println("Setup: " + what + " answered " + response.statusCode() + " " + response.body());
        }
    }

    private static JsonNode apiDocs(String base) throws Exception {
        HttpResponse<String> docs = Api.get(base + "/v3/api-docs", null);
        assertThat(docs.statusCode()).as(base + "/v3/api-docs").isEqualTo(200);
        return Api.json(docs);
    }

    /**
     * The demo user each operation is called as: the first of these the service does not refuse (403) on a request
     * that changes nothing (a read, or a refused form of the change). The roles are checked before any input is read.
     */
    private static Map<String, String> whoMayCall(List<Operation> operations, Map<String, String> ids) {
        HostileRequests probes = new HostileRequests(SEED, ids, Map.of());
        Map<String, String> users = new TreeMap<>();
        Map<String, List<String>> byUser = new TreeMap<>();
        for (Operation op : operations) {
            List<String> candidates = op.mutating()
                    ? List.of("coordinator.01", "officer.01", "reviewer.01", "admin.01")
                    : List.of("admin.01", "coordinator.01", "reviewer.01", "officer.01");
            String chosen = candidates.get(0);
            RawHttp.Request probe = probes.probe(op);
            for (String user : candidates) {
                RawHttp.Response answer = RawHttp.exchange(port(op.service(), Route.DIRECT), withToken(probe, user),
                        TIMEOUT);
                if (answer.status() != 403 && answer.status() != 401) {
                    chosen = user;
                    break;
                }
            }
            users.put(op.label(), chosen);
            byUser.computeIfAbsent(chosen, u -> new ArrayList<>()).add(op.label());
        }
        byUser.forEach((user, ops) -> System.out.println("Called as " + user + " (" + ops.size() + "): " + ops));
        return users;
    }

    private static RawHttp.Request withToken(RawHttp.Request request, String user) {
        List<String[]> headers = new ArrayList<>(request.headers());
        headers.add(0, new String[] {"Authorization", "Bearer " + token(user)});
        return new RawHttp.Request(request.method(), request.target(), headers, request.body(),
                request.contentLength(), request.halfClose());
    }

    private static int port(String service, Route route) {
        Service s = switch (service) {
            case "registration" -> Service.REGISTRATION;
            case "evaluation" -> Service.EVALUATION;
            case "notification" -> Service.NOTIFICATION;
            default -> Service.GATEWAY;
        };
        String url = URLS.get(route == Route.GATEWAY ? Service.GATEWAY : s);
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    // --- the store -------------------------------------------------------------------------------------------------

    /**
     * The store once nothing moves any more: no event waits in an outbox and two readings a second apart are equal
     * (events published by the setup, or by requests that were accepted, are applied by then). Before the hostile
     * requests the store must come to rest; after them, if it does not within the time allowed (accepted requests
     * may have set off much work), the last reading is taken and the report says so.
     */
    private static StoreFingerprint quietStore(boolean required) {
        AtomicReference<StoreFingerprint> last = new AtomicReference<>();
        AtomicReference<List<String>> moving = new AtomicReference<>(List.of());
        AtomicInteger stable = new AtomicInteger();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                StoreFingerprint now = StoreFingerprint.take(mongo, DATABASES);
                StoreFingerprint previous = last.getAndSet(now);
                if (previous != null && now.pendingEvents == 0 && now.equals(previous)) {
                    return stable.incrementAndGet() >= 2;
                }
                moving.set(previous == null ? List.of() : now.differencesFrom(previous));
                stable.set(0);
                return false;
            });
        } catch (ConditionTimeoutException e) {
            if (required) {
                throw new AssertionError("the store never stopped changing: " + moving.get(), e);
            }
            System.out.println("The store was still changing after 90 s: " + moving.get());
        }
        return last.get();
    }

    // --- sending ---------------------------------------------------------------------------------------------------

    record Result(Hostile hostile, Route route, RawHttp.Response response) {
    }

    private static List<Result> send(List<Object[]> given, Duration budget) throws Exception {
        List<Object[]> tasks = new ArrayList<>(given);
        Collections.shuffle(tasks, new Random(SEED));
        long deadline = System.nanoTime() + budget.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (Object[] task : tasks) {
                Hostile h = (Hostile) task[0];
                Route route = (Route) task[1];
                futures.add(pool.submit(() -> {
                    if (System.nanoTime() > deadline) {
                        return new Result(h, route, null);
                    }
                    return new Result(h, route, RawHttp.exchange(port(h.service(), route),
                            withToken(h.request(), h.user()), TIMEOUT));
                }));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    // --- the verdict and the report --------------------------------------------------------------------------------

    /** What is wrong with an answer, or null. */
    static String verdict(Hostile h, RawHttp.Response r) {
        if (r.status() < 0) {
            return "no answer";
        }
        if (r.status() >= 500) {
            return "server error";
        }
        if (r.status() >= 400) {
            return problemCode(r) == null ? "error not a problem detail with a code" : null;
        }
        if (r.status() >= 300) {
            return "redirect";
        }
        if (h.mutating() && r.status() >= 200) {
            return "hostile input accepted";
        }
        return null;
    }

    /** The {@code code} of an {@code application/problem+json} answer; null if it is not one. */
    static String problemCode(RawHttp.Response r) {
        if (!r.contentType().toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            return null;
        }
        try {
            JsonNode body = Api.JSON.readTree(r.text());
            return body.isObject() && body.path("code").isString() ? body.get("code").asString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** What tells answers apart within a class: the problem's code or title, or the start of the body. */
    static String signature(RawHttp.Response r) {
        if (r.status() >= 200 && r.status() < 300) {
            return "(accepted)";
        }
        if (r.status() < 0) {
            return r.error().replaceAll("\\d+", "#");
        }
        String text = r.text();
        try {
            JsonNode body = Api.JSON.readTree(text);
            if (body.isObject()) {
                for (String field : List.of("code", "title", "error")) {
                    if (body.path(field).isString()) {
                        return field + "=" + body.get(field).asString();
                    }
                }
            }
        } catch (RuntimeException notJson) {
            // described by its start below
        }
        String start = text.length() > 60 ? text.substring(0, 60) : text;
        return start.isEmpty() ? "(empty body)" : start.replaceAll("\\d+", "#").replaceAll("\\s+", " ");
    }

    static final class Report {
        private final List<Result> results;
        private final List<String> storedChanges;
        private final int storedDocuments;
        private final long sendMillis;
        private final long totalMillis;
        private final long planned;
        /** class key -> (operation -> count), the first example, the routes; sorted by case. */
        private final Map<String, Map<String, Integer>> classes = new LinkedHashMap<>();
        private final Map<String, java.util.Set<Route>> routes = new HashMap<>();
        private final Map<String, Result> examples = new HashMap<>();
        private final List<Result> failures = new ArrayList<>();
        private final List<Result> replayed;
        private final List<String> replayChanges;
        private final long replayMillis;

        Report(List<Result> results, List<String> storedChanges, int storedDocuments, long sendMillis,
                long totalMillis, long planned, List<Result> replayed, List<String> replayChanges, long replayMillis) {
            this.results = results;
            this.replayed = replayed;
            this.replayChanges = replayChanges;
            this.replayMillis = replayMillis;
            this.storedChanges = storedChanges;
            this.storedDocuments = storedDocuments;
            this.sendMillis = sendMillis;
            this.totalMillis = totalMillis;
            this.planned = planned;
            List<Result> sorted = new ArrayList<>(results);
            sorted.sort(java.util.Comparator.comparing((Result x) -> x.hostile().caseName())
                    .thenComparing(x -> x.hostile().operation()).thenComparing(x -> x.route().name()));
            for (Result result : sorted) {
                if (result.response() == null) {
                    continue;
                }
                String verdict = verdict(result.hostile(), result.response());
                if (verdict == null) {
                    continue;
                }
                failures.add(result);
                RawHttp.Response r = result.response();
                String key = verdict + " | " + result.hostile().caseName() + " | "
                        + (r.status() < 0 ? "-" : r.status()) + " | " + baseType(r.contentType()) + " | "
                        + signature(r);
                classes.computeIfAbsent(key, k -> new TreeMap<>()).merge(result.hostile().operation(), 1,
                        Integer::sum);
                examples.putIfAbsent(key, result);
                routes.computeIfAbsent(key, k -> java.util.EnumSet.noneOf(Route.class)).add(result.route());
            }
        }

        List<Result> failures() {
            return failures;
        }

        long skipped() {
            return results.stream().filter(r -> r.response() == null).count()
                    + replayed.stream().filter(r -> r.response() == null).count();
        }

        long accepted() {
            return failures.stream().filter(r -> r.response().status() / 100 == 2).count();
        }

        List<String> acceptedOnReplay() {
            return replayed.stream().filter(r -> r.response() != null && r.response().status() / 100 == 2)
                    .map(r -> r.route() + " " + r.hostile().operation() + " " + r.hostile().caseName() + " ["
                            + clip(r.hostile().detail(), 60) + "] -> " + r.response().status()).toList();
        }

        private static String baseType(String contentType) {
            int semicolon = contentType.indexOf(';');
            String type = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).trim();
            return type.isEmpty() ? "(no content type)" : type;
        }

        int classes() {
            return classes.size();
        }

        /**
         * Each class once: verdict, case, status, content type, what the body says, routes; the operations (all of
         * them, or the first {@code maxOperations}) with their counts; an example request and the start of its answer.
         */
        String failureClasses(int maxOperations) {
            StringBuilder b = new StringBuilder();
            int n = 0;
            for (Map.Entry<String, Map<String, Integer>> c : classes.entrySet()) {
                Result example = examples.get(c.getKey());
                int count = c.getValue().values().stream().mapToInt(Integer::intValue).sum();
                String body = example.response().status() < 0 ? example.response().error() : example.response().text();
                String target = example.hostile().request().target();
                b.append(String.format("%n#%d  %s | %s  (%d requests)%n", ++n, c.getKey(),
                        routes.get(c.getKey()).size() == 2 ? "direct+gateway"
                                : routes.get(c.getKey()).iterator().next().name().toLowerCase(Locale.ROOT), count));
                b.append("    operations: ");
                List<String> operations = c.getValue().entrySet().stream()
                        .map(e -> e.getKey() + (e.getValue() > 1 ? " ×" + e.getValue() : "")).toList();
                b.append(String.join(", ", operations.subList(0, Math.min(maxOperations, operations.size()))));
                if (operations.size() > maxOperations) {
                    b.append(", … (").append(operations.size()).append(" operations in all)");
                }
                b.append(String.format("%n    example: %s %s%s [%s as %s]%n    answer:  %s%n",
                        example.hostile().request().method(), clip(target, 200),
                        example.hostile().detail().isEmpty() ? "" : " (" + clip(example.hostile().detail(), 80) + ")",
                        example.route(), example.hostile().user(), clip(body.replaceAll("\\s+", " "), 200)));
            }
            return b.toString();
        }

        String render() {
            StringBuilder b = new StringBuilder();
            List<Result> sent = results.stream().filter(r -> r.response() != null).toList();
            b.append(String.format("%n=== Hostile input: seed %d ===%n", SEED));
            long replays = replayed.stream().filter(r -> r.response() != null).count();
            b.append(String.format("Requests: %d (%d hostile requests of %d planned, sent in %.1f s at %.0f/s with %d"
                    + " threads, %d left out; %d refused ones sent again); whole test %.1f s%n",
                    sent.size() + replays, sent.size(), planned, sendMillis / 1000.0,
                    sent.size() * 1000.0 / Math.max(1, sendMillis), THREADS, planned - sent.size(), replays,
                    totalMillis / 1000.0));
            b.append("Statuses: ").append(histogram(sent)).append('\n');
            Map<String, List<Result>> byService = new TreeMap<>();
            for (Result r : sent) {
                byService.computeIfAbsent(r.hostile().service() + " " + r.route().name().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(r);
            }
            byService.forEach((k, v) -> b.append(String.format("  %-22s %6d  %s%n", k, v.size(), histogram(v))));
            Map<String, int[]> byVerdict = new TreeMap<>();
            for (Result r : failures) {
                byVerdict.computeIfAbsent(verdict(r.hostile(), r.response()), k -> new int[1])[0]++;
            }
            b.append("Failures: ").append(failures.size()).append(" requests");
            byVerdict.forEach((k, v) -> b.append(", ").append(v[0]).append(' ').append(k));
            b.append(", in ").append(classes.size()).append(" classes\n");
            b.append(String.format("Stored documents: %d; changed by the hostile requests (%d of them accepted): %s%n",
                    storedDocuments, accepted(), storedChanges.isEmpty() ? "none" : ""));
            storedChanges.forEach(c -> b.append("  ").append(c).append('\n'));
            List<Result> replayAnswers = replayed.stream().filter(r -> r.response() != null).toList();
            b.append(String.format("Refused requests for a change, sent again: %d in %.1f s; statuses: %s%n",
                    replayAnswers.size(), replayMillis / 1000.0, histogram(replayAnswers)));
            b.append("  accepted this time: ").append(acceptedOnReplay().isEmpty() ? "none" : "").append('\n');
            acceptedOnReplay().forEach(a -> b.append("    ").append(a).append('\n'));
            b.append("  stored changes they made: ").append(replayChanges.isEmpty() ? "none" : "").append('\n');
            replayChanges.forEach(c -> b.append("    ").append(c).append('\n'));
            List<Result> slowest = new ArrayList<>(sent);
            slowest.sort(java.util.Comparator.comparingLong((Result r) -> -r.response().millis()));
            b.append("Slowest answers:\n");
            slowest.stream().limit(5).forEach(r -> b.append(String.format("  %6d ms  %s %s %s [%s] -> %d%n",
                    r.response().millis(), r.route(), r.hostile().operation(), r.hostile().caseName(),
                    clip(r.hostile().detail(), 40), r.response().status())));
            Map<String, int[]> byCase = new TreeMap<>();
            for (Result r : sent) {
                int[] counts = byCase.computeIfAbsent(r.hostile().caseName(), k -> new int[2]);
                counts[0]++;
                counts[1] += verdict(r.hostile(), r.response()) == null ? 0 : 1;
            }
            b.append("Cases (requests / failing):\n");
            byCase.forEach((k, v) -> b.append(String.format("  %5d / %-5d %s%n", v[0], v[1], k)));
            b.append("Failure classes (verdict | case | status | content type | body says | route):");
            b.append(failureClasses(Integer.MAX_VALUE));
            return b.toString();
        }

        private static String histogram(List<Result> results) {
            Map<Integer, Integer> statuses = new TreeMap<>();
            results.forEach(r -> statuses.merge(r.response().status(), 1, Integer::sum));
            StringBuilder b = new StringBuilder();
            statuses.forEach((s, n) -> b.append(s < 0 ? "none" : s).append('=').append(n).append(' '));
            return b.toString().trim();
        }

        static String clip(String text, int max) {
            return text.length() > max ? text.substring(0, max) + "…(" + text.length() + " chars)" : text;
        }
    }
}
