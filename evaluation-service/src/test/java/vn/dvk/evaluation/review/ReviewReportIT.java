package vn.dvk.evaluation.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dvk.kit.sheet.Sheets;
import vn.dvk.kit.testing.Contracts;
import vn.dvk.kit.testing.KafkaProbe;
import vn.dvk.kit.testing.TestStack;
import vn.dvk.units.UnitCatalog;

/**
 * Reconciliation: a whole campaign — thousands of registrations across a province's units, fields and kinds, some
 * returned, resubmitted, withdrawn or left as drafts, their events interleaved and some delivered twice, and a
 * commune's review round deliberated and decided — and every number of the statistics API, the quota fill, the review
 * report (JSON and .xlsx) and the year-by-year trends equals a count made directly from the source records; a
 * rebuild from the topics gives the same report.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReviewReportIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BASE = "/api/evaluation";
    private static final List<String> FIELDS = List.of("ECONOMY", "CULTURE_SOCIETY", "DEFENSE_SECURITY",
            "POLITICAL_SYSTEM");
    private static final List<String> KINDS = List.of("COLLECTIVE", "INDIVIDUAL");
    private static final List<String> TIERS = List.of("NOT_RECOGNISED", "RECOGNISED", "EXEMPLARY",
            "PROPOSED_FOR_COMMENDATION", "COMMENDED");
    /** The lifecycles a registration may have had, as the statuses its events carried. */
    private static final List<List<String>> LIFECYCLES = List.of(List.of("DRAFT"), List.of("DRAFT", "SUBMITTED"),
            List.of("SUBMITTED"), List.of("SUBMITTED", "RETURNED"), List.of("SUBMITTED", "RETURNED", "RESUBMITTED"),
            List.of("SUBMITTED", "APPROVED"), List.of("SUBMITTED", "APPROVED"), List.of("SUBMITTED", "APPROVED"),
            List.of("SUBMITTED", "RETURNED", "RESUBMITTED", "APPROVED"), List.of("SUBMITTED", "WITHDRAWN"),
            List.of("DRAFT", "WITHDRAWN"));

    private final HttpClient http = HttpClient.newHttpClient();
    private final KafkaProbe kafka = new KafkaProbe(TestStack.get().kafkaBootstrapServers());
    private final Random random = new Random(20261122);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "evaluation-reports");
    }

    /** A source record: a registration as registration-service holds it, and the tier its round gave it. */
    private record Source(String id, String campaignId, int year, String unitCode, String level, String field,
            String kind, List<String> lifecycle, String owner, String formerDistrict, String[] tier) {

        String status() {
            return lifecycle.get(lifecycle.size() - 1);
        }

        int rank() {
            return tier[0] == null ? 0 : TIERS.indexOf(tier[0]);
        }

        boolean holdsQuota() {
            return List.of("SUBMITTED", "RESUBMITTED", "APPROVED").contains(status());
        }
    }

    @Test
    void everyNumberOfTheApiTheReportAndTheWorkbookEqualsACountOfTheSourceRecords() throws Exception {
        List<UnitCatalog.Unit> communes = UnitCatalog.official2025().childrenOf("01").subList(0, 40);
        List<String> units = new ArrayList<>(communes.stream().map(UnitCatalog.Unit::code).toList());
        units.add("01");
        String campaign = UUID.randomUUID().toString();
        String earlier = UUID.randomUUID().toString();
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            sources.add(source(campaign, 2028, units.get(random.nextInt(units.size())), null));
        }
        for (int i = 0; i < 400; i++) {
            sources.add(source(earlier, 2024, units.get(random.nextInt(units.size())),
                    List.of("001", "002", "003").get(random.nextInt(3))));
        }
        List<KafkaProbe.Outgoing> events = new ArrayList<>();
        events.add(launched(campaign, 2028));
        events.add(launched(earlier, 2024));
        List<List<KafkaProbe.Outgoing>> perRegistration = new ArrayList<>();
        for (Source s : sources) {
            perRegistration.add(lifecycleEvents(s));
        }
        events.addAll(interleaved(perRegistration));
        kafka.sendAll(events);

        await().atMost(Duration.ofSeconds(60)).until(() -> total("campaignId=" + campaign)
                == sources.stream().filter(s -> s.campaignId().equals(campaign)).count());

        // A commune's round: its approved models of the campaign, deliberated to every tier and decided.
        String commune = communes.get(0).code();
        List<Source> approvedThere = sources.stream().filter(s -> s.campaignId().equals(campaign)
                && s.unitCode().equals(commune) && s.status().equals("APPROVED")).toList();
        assertThat(approvedThere).as("the round has models of every tier").hasSizeGreaterThan(TIERS.size());
        for (Source s : approvedThere) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                HttpResponse<String> dossier = send("GET", BASE + "/dossiers/" + s.id(), null, "admin.01");
                return dossier.statusCode() == 200
                        && JSON.readTree(dossier.body()).path("registrationStatus").asString().equals("APPROVED");
            });
        }
        String round = round(campaign, commune, approvedThere.size());
        for (int i = 0; i < approvedThere.size(); i++) {
            Source s = approvedThere.get(i);
            s.tier()[0] = TIERS.get(i % TIERS.size());
            String commendation = s.rank() >= 3 ? ",\"commendation\":{\"kind\":\"GIAY_KHEN\",\"body\":\"UBND phường\"}"
                    : "";
            ok(send("PUT", BASE + "/rounds/" + round + "/models/" + s.id() + "/deliberation", """
                    {"votesFor":5,"votesAgainst":1,"votesAbstained":0,"tier":"%s"%s}"""
                    .formatted(s.tier()[0], commendation), "coordinator." + commune), 200);
        }
        ok(send("POST", BASE + "/rounds/" + round + "/decisions", """
                {"number":"17/QĐ-UBND","date":"%s","signer":"Chủ tịch","issuingBody":"UBND phường"}"""
                .formatted(LocalDate.now()), "coordinator." + commune), 201);
        long recognised = sources.stream().filter(s -> s.rank() >= 1).count();
        await().atMost(Duration.ofSeconds(30)).until(() -> total("campaignId=" + campaign + "&tier=COMMENDED")
                == sources.stream().filter(s -> s.rank() == 4).count()
                && report(campaign, "01").get("models").size() == recognised);

        List<Source> current = sources.stream().filter(s -> s.campaignId().equals(campaign)).toList();
        JsonNode counts = get(BASE + "/statistics?campaignId=" + campaign
                + "&groupBy=unit,field,kind,status,tier", "coordinator.01");
        Map<String, Long> api = new TreeMap<>();
        counts.get("rows").forEach(r -> api.put(groupKey(r.get("group"), "unit", "field", "kind", "status", "tier"),
                r.get("count").asLong()));
        assertThat(api).as("every counter").isEqualTo(count(current, s -> String.join("|", s.unitCode(), s.field(),
                s.kind(), s.status(), s.tier()[0] == null ? "-" : s.tier()[0])));
        assertThat(counts.get("total").asLong()).isEqualTo(current.size());

        Map<String, Long> fill = new TreeMap<>();
        get(BASE + "/statistics/quota-fill?campaignId=" + campaign, "coordinator.01").forEach(r -> {
            if (r.get("registered").asLong() > 0) {
                fill.put(r.get("unitCode").asString() + "|" + r.get("kind").asString(), r.get("registered").asLong());
            }
        });
        assertThat(fill).as("places taken").isEqualTo(count(current.stream().filter(Source::holdsQuota).toList(),
                s -> s.unitCode() + "|" + s.kind()));

        JsonNode report = report(campaign, "01");
        assertThat(report.get("stage").asString()).as("before the final review day").isEqualTo("MID_TERM");
        assertThat(tally(report.at("/total/total"))).isEqualTo(tally(current));
        for (JsonNode line : report.get("byField")) {
            String field = line.get("code").asString();
            assertThat(tally(line.get("collective"))).as(field).isEqualTo(tally(current.stream()
                    .filter(s -> s.field().equals(field) && s.kind().equals("COLLECTIVE")).toList()));
            assertThat(tally(line.get("individual"))).as(field).isEqualTo(tally(current.stream()
                    .filter(s -> s.field().equals(field) && s.kind().equals("INDIVIDUAL")).toList()));
        }
        for (JsonNode line : report.get("byLevel")) {
            String level = line.get("code").asString();
            assertThat(tally(line.get("total"))).as(level)
                    .isEqualTo(tally(current.stream().filter(s -> s.level().equals(level)).toList()));
        }
        assertThat(report.get("byUnit").size()).as("the province and every ward, those without models too")
                .isEqualTo(1 + UnitCatalog.official2025().childrenOf("01").size());
        for (JsonNode line : report.get("byUnit")) {
            String unit = line.get("unitCode").asString();
            for (String kind : KINDS) {
                assertThat(tally(line.get(kind.toLowerCase()))).as(unit + " " + kind).isEqualTo(tally(current.stream()
                        .filter(s -> s.unitCode().equals(unit) && s.kind().equals(kind)).toList()));
            }
            assertThat(line.get("collectiveQuota").isNull()).as(unit).isEqualTo(unit.equals("01"));
        }
        Map<String, String> listed = new TreeMap<>();
        report.get("models").forEach(m -> listed.put(m.get("registrationId").asString(), m.get("tier").asString()
                + "|" + m.at("/owner/name").asString() + "|" + m.get("decisionNumber").asString()));
        assertThat(listed).as("the recognised and commended models, with owner and decision")
                .isEqualTo(current.stream().filter(s -> s.rank() >= 1).collect(Collectors.toMap(Source::id,
                        s -> s.tier()[0] + "|" + s.owner() + "|17/QĐ-UBND", (a, b) -> a, TreeMap::new)));

        Map<String, List<List<String>>> workbook = workbook(campaign, "01");
        assertThat(workbook.keySet()).containsExactly("Theo cấp", "Theo lĩnh vực", "Theo đơn vị",
                "Mô hình được công nhận", "Hướng dẫn");
        List<List<String>> byUnit = workbook.get("Theo đơn vị");
        assertThat(byUnit.get(3)).as("the header under three title lines").startsWith("Mã đơn vị", "Đơn vị");
        for (int i = 0; i < report.get("byUnit").size(); i++) {
            JsonNode line = report.get("byUnit").get(i);
            assertThat(byUnit.get(4 + i).subList(0, 3)).containsExactly(line.get("unitCode").asString(),
                    line.get("unitName").asString(), line.at("/collective/registered").asString());
            assertThat(byUnit.get(4 + i).get(7)).isEqualTo(line.at("/total/recognised").asString());
        }
        List<List<String>> byLevel = workbook.get("Theo cấp");
        assertThat(byLevel.get(byLevel.size() - 1)).startsWith("Tổng cộng",
                Long.toString(current.stream().filter(Source::holdsQuota).count()));
        assertThat(workbook.get("Mô hình được công nhận")).hasSize(4 + (int) recognised);

        Map<String, Long> years = new TreeMap<>();
        get(BASE + "/statistics/trends?unitCode=01", "viewer.01").forEach(line -> years.put(line.get("code")
                .asString(), line.at("/total/registered").asLong()));
        assertThat(years).as("year by year, other tests' years aside").containsAllEntriesOf(count(sources.stream()
                .filter(Source::holdsQuota).toList(), s -> Integer.toString(s.year())));
        Map<String, Long> districts = new TreeMap<>();
        get(BASE + "/statistics?campaignId=" + earlier + "&groupBy=formerDistrict", "viewer.01").get("rows")
                .forEach(r -> districts.put(r.at("/group/formerDistrict").asString(), r.get("count").asLong()));
        assertThat(districts).as("the records of 2024 by their old district").isEqualTo(count(sources.stream()
                .filter(s -> s.campaignId().equals(earlier)).toList(), Source::formerDistrict));

        ObjectNode before = (ObjectNode) report(campaign, "01");
        ok(send("POST", BASE + "/statistics/rebuild", null, "admin.01"), 200);
        ObjectNode after = (ObjectNode) report(campaign, "01");
        before.remove("asOf");
        after.remove("asOf");
        assertThat(after).as("a rebuild from the topics gives the same report").isEqualTo(before);
        assertThat(send("GET", BASE + "/reports/review?campaignId=" + campaign + "&unitCode=01", null,
                "viewer.00004").statusCode()).as("a ward reads its own review, not the province's").isEqualTo(403);
        assertThat(report(campaign, communes.get(1).code()).get("models").isEmpty()).isTrue();
    }

    private Source source(String campaignId, int year, String unitCode, String formerDistrict) {
        String kind = KINDS.get(random.nextInt(2));
        return new Source(UUID.randomUUID().toString(), campaignId, year, unitCode,
                unitCode.length() == 2 ? "PROVINCE" : "COMMUNE", FIELDS.get(random.nextInt(FIELDS.size())), kind,
                LIFECYCLES.get(random.nextInt(LIFECYCLES.size())),
                kind.equals("INDIVIDUAL") ? "Nguyễn Văn " + random.nextInt(1000) : "Chi hội " + random.nextInt(1000),
                formerDistrict, new String[1]);
    }

    private static KafkaProbe.Outgoing launched(String campaignId, int year) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Contracts.example("vn.dvk.campaign.launched.v1"));
        event.put("campaignId", campaignId).put("year", year).put("title", "Dân vận khéo " + year)
                .put("finalReview", LocalDate.now().plusYears(1).toString());
        return new KafkaProbe.Outgoing("campaign-events", campaignId, KafkaProbe.cloudEvent(
                UUID.randomUUID().toString(), "vn.dvk.campaign.launched.v1", "urn:dvk:test"), event.toString());
    }

    /** The events registration-service published for one registration, in order. */
    private List<KafkaProbe.Outgoing> lifecycleEvents(Source s) throws Exception {
        List<KafkaProbe.Outgoing> events = new ArrayList<>();
        Instant at = Instant.parse("2026-10-20T02:00:00Z").plusSeconds(random.nextInt(100_000));
        for (String status : s.lifecycle()) {
            at = at.plusSeconds(60 + random.nextInt(3600));
            ObjectNode event = (ObjectNode) JSON.readTree(Contracts.example("vn.dvk.registration.approved.v1"));
            event.put("registrationId", s.id()).put("campaignId", s.campaignId()).put("unitCode", s.unitCode())
                    .put("title", "Mô hình " + s.id().substring(0, 8)).put("field", s.field()).put("kind", s.kind())
                    .put("level", s.level()).put("status", status).put("year", s.year()).put("at", at.toString());
            if (status.endsWith("SUBMITTED")) {
                event.put("submittedAt", at.toString());
            } else if (status.equals("RETURNED")) {
                event.put("reason", "Thiếu minh chứng kết quả");
            }
            event.putObject("owner").put("type", s.kind().equals("INDIVIDUAL") ? "PERSON" : "ORGANISATION")
                    .put("name", s.owner());
            if (s.formerDistrict() != null) {
                ObjectNode former = event.putObject("formerUnit").put("code", s.formerDistrict())
                        .put("level", "DISTRICT").put("name", "Quận " + s.formerDistrict());
                former.putArray("path").add("01").add(s.formerDistrict());
            }
            String type = "vn.dvk.registration." + (status.equals("DRAFT") ? "drafted" : status.toLowerCase()) + ".v1";
            assertThat(Contracts.violations(type, event.toString())).as(type).isEmpty();
            events.add(new KafkaProbe.Outgoing("registration-events", s.id(),
                    KafkaProbe.cloudEvent(UUID.randomUUID().toString(), type, "urn:dvk:registration-service"),
                    event.toString()));
        }
        return events;
    }

    /**
     * The registrations' events interleaved at random, each registration's in order (the topic is keyed by
     * registration), and one in twenty delivered twice.
     */
    private List<KafkaProbe.Outgoing> interleaved(List<List<KafkaProbe.Outgoing>> perRegistration) {
        List<Integer> turns = new ArrayList<>();
        for (int r = 0; r < perRegistration.size(); r++) {
            for (int e = 0; e < perRegistration.get(r).size(); e++) {
                turns.add(r);
            }
        }
        Collections.shuffle(turns, random);
        int[] next = new int[perRegistration.size()];
        List<KafkaProbe.Outgoing> events = new ArrayList<>();
        for (int r : turns) {
            KafkaProbe.Outgoing event = perRegistration.get(r).get(next[r]++);
            events.add(event);
            if (random.nextInt(20) == 0) {
                events.add(event);
            }
        }
        return events;
    }

    private String round(String campaign, String commune, int models) throws Exception {
        Map<String, String> sets = new LinkedHashMap<>();
        for (String kind : KINDS) {
            sets.put(kind, ok(send("POST", BASE + "/criteria-sets", """
                    {"campaignId":"%s","unitCode":"%s","kind":"%s"}""".formatted(campaign, commune, kind),
                    "coordinator." + commune), 201).get("id").asString());
        }
        LocalDate today = LocalDate.now();
        String round = ok(send("POST", BASE + "/rounds", """
                {"campaignId":"%s","unitCode":"%s","level":"COMMUNE","title":"Bình xét mô hình phường",
                 "opens":"%s","closes":"%s","criteriaSets":{"COLLECTIVE":"%s","INDIVIDUAL":"%s"},"minReviews":1}"""
                .formatted(campaign, commune, today, today.plusDays(30), sets.get("COLLECTIVE"),
                        sets.get("INDIVIDUAL")), "coordinator." + commune), 201).get("id").asString();
        ok(send("PUT", BASE + "/rounds/" + round + "/panel", """
                {"members":[{"username":"reviewer.01","unitCode":"01"}]}""", "coordinator." + commune), 200);
        assertThat(ok(send("POST", BASE + "/rounds/" + round + "/open", null, "coordinator." + commune), 200)
                .get("models").asInt()).isEqualTo(models);
        return round;
    }

    /** The eight numbers of a report's tally, as the report shows them. */
    private static Map<String, Long> tally(JsonNode tally) {
        Map<String, Long> numbers = new TreeMap<>();
        tally.properties().forEach(e -> numbers.put(e.getKey(), e.getValue().asLong()));
        return numbers;
    }

    /** The same eight numbers counted directly from source records. */
    private static Map<String, Long> tally(List<Source> sources) {
        Map<String, Long> numbers = new TreeMap<>();
        numbers.put("registered", sources.stream().filter(Source::holdsQuota).count());
        numbers.put("approved", sources.stream().filter(s -> s.status().equals("APPROVED")).count());
        numbers.put("returned", sources.stream().filter(s -> s.status().equals("RETURNED")).count());
        numbers.put("withdrawn", sources.stream().filter(s -> s.status().equals("WITHDRAWN")).count());
        numbers.put("recognised", sources.stream().filter(s -> s.rank() >= 1).count());
        numbers.put("exemplary", sources.stream().filter(s -> s.rank() >= 2).count());
        numbers.put("proposed", sources.stream().filter(s -> s.rank() >= 3).count());
        numbers.put("commended", sources.stream().filter(s -> s.rank() >= 4).count());
        return numbers;
    }

    private static <T> Map<String, Long> count(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    private static String groupKey(JsonNode group, String... dimensions) {
        List<String> values = new ArrayList<>();
        for (String d : dimensions) {
            values.add(group.get(d) == null || group.get(d).isNull() ? "-" : group.get(d).asString());
        }
        return String.join("|", values);
    }

    private long total(String query) throws Exception {
        return get(BASE + "/statistics?" + query, "admin.01").get("total").asLong();
    }

    private JsonNode report(String campaign, String unitCode) throws Exception {
        return get(BASE + "/reports/review?campaignId=" + campaign + "&unitCode=" + unitCode, "coordinator.01");
    }

    private Map<String, List<List<String>>> workbook(String campaign, String unitCode) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + BASE
                        + "/reports/review.xlsx?campaignId=" + campaign + "&unitCode=" + unitCode))
                .header("Authorization", "Bearer " + TestStack.token("coordinator.01")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("bao-cao-so-ket-2028-01.xlsx");
        return Sheets.readAllXlsx(new ByteArrayInputStream(response.body()));
    }

    private JsonNode get(String path, String user) throws Exception {
        return ok(send("GET", path, null, user), 200);
    }

    private HttpResponse<String> send(String method, String path, String json, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TestStack.token(user))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
