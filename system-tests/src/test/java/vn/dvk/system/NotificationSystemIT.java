package vn.dvk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.dvk.localstack.MailServer.ReceivedMail;
import vn.dvk.system.Platform.Service;
import vn.dvk.units.UnitCatalog;

/**
 * notification-service in the running platform, with two replicas: a campaign whose window closes soon reminds
 * exactly the communes below their quota, by inbox and e-mail through the local SMTP server; one replica is killed
 * with SIGKILL while it dispatches, and every reminder still reaches each person once; a commune that files what
 * it lacked has its pending reminder cancelled.
 */
class NotificationSystemIT {

    private static final int PEOPLE_PER_COMMUNE = 8;
    /** Communes left out of the directory: their reminders wait in the unit's inbox. */
    private static final Set<String> UNIT_INBOXES = Set.of("00004", "00008", "00025");
    private static final String FULL = "00082";
    private static final String LACKING = "00070";
    private static Platform platform;
    private static MongoClient mongo;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = new Platform(Files.createTempDirectory("dvk-notification-system-"));
        platform.startAll();
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

    @Test
    void remindersReachTheCommunesBelowQuotaOnceEvenWhenAReplicaIsKilledMidDispatch() throws Exception {
        String gateway = platform.url(Service.GATEWAY);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Process second = platform.startReplica(Service.NOTIFICATION, "notification-service-2");

        List<String> communes = UnitCatalog.official2025().childrenOf("01").stream().map(UnitCatalog.Unit::code)
                .filter(c -> !UNIT_INBOXES.contains(c)).toList();
        StringBuilder csv = new StringBuilder("Mã đơn vị,Tên đăng nhập,Họ và tên,Email,Điện thoại,Vai trò,Kênh nhận\n");
        for (String commune : communes) {
            for (int i = 1; i <= PEOPLE_PER_COMMUNE; i++) {
                csv.append(commune).append(",,Cán bộ ").append(i).append(',').append(address(commune, i, run))
                        .append(",,UNIT_OFFICER,\"INBOX, EMAIL\"\n");
            }
        }
        JsonNode imported = Api.json(Api.upload(gateway + "/api/notification/recipients/import", "nguoi-nhan.csv",
                csv.toString(), platform.token("admin.01")));
        assertThat(imported.get("created").asInt()).as(imported.toString())
                .isEqualTo(communes.size() * PEOPLE_PER_COMMUNE);

        String coordinator = platform.token("coordinator.01");
        LocalDate closes = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(10);
        String campaign = Api.launchCampaign(gateway, coordinator, closes,
                "[{\"unitKind\":\"COMMUNE\",\"kind\":\"COLLECTIVE\",\"limit\":1},"
                        + "{\"unitKind\":\"COMMUNE\",\"kind\":\"INDIVIDUAL\",\"limit\":1}]");
        String officer = platform.token("officer.01");
        register(gateway, officer, campaign, FULL, "COLLECTIVE");
        register(gateway, officer, campaign, FULL, "INDIVIDUAL");
        String reminders = gateway + "/api/notification/reminders?campaignId=" + campaign + "&unitCode=";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(statuses(reminders + FULL, coordinator))
                .as("a commune at its quota").containsOnly("CANCELLED").hasSize(3));

        // A month ahead (late: goes at once) and nine days ahead (waits).
        assertThat(Api.send("PUT", gateway + "/api/notification/campaigns/" + campaign + "/reminder-offsets",
                "{\"offsets\":[\"P30D\",\"P9D\"]}", coordinator).statusCode()).isEqualTo(200);

        int expected = (communes.size() - 1) * PEOPLE_PER_COMMUNE;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> reminderMails(run).size() >= expected / 8);
        Document claimed = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(
                () -> mongo.getDatabase("notification").getCollection("dispatch_batches")
                        .find(Filters.eq("status", "CLAIMED")).first(), b -> b != null);
        long victimPid = Long.parseLong(claimed.getString("owner").split("-")[1]);
        Process victim = victimPid == second.pid() ? second : platform.process(Service.NOTIFICATION);
        assertThat(victim.pid()).as("the replica holding a batch").isEqualTo(victimPid);
        int before = reminderMails(run).size();
        victim.destroyForcibly();
        assertThat(victim.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(before).as("killed mid-dispatch").isLessThan(expected);

        // The survivor takes the killed replica's batches over once their lease runs out, and finishes them.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                mongo.getDatabase("notification").getCollection("deliveries").countDocuments(Filters.and(
                        Filters.regex("_id", "^WINDOW:" + campaign), Filters.eq("status", "SENT"))))
                .isEqualTo(expected));
        List<ReceivedMail> mails = reminderMails(run);
        Map<String, Set<String>> idsByAddress = new HashMap<>();
        mails.forEach(m -> idsByAddress.computeIfAbsent(m.to().get(0), a -> new HashSet<>()).add(m.messageId()));
        List<String> wanted = new ArrayList<>();
        for (String commune : communes) {
            for (int i = 1; i <= PEOPLE_PER_COMMUNE; i++) {
                if (!commune.equals(FULL)) {
                    wanted.add(address(commune, i, run));
                }
            }
        }
        assertThat(idsByAddress.keySet()).as("every officer of a commune below quota, nobody of " + FULL)
                .containsExactlyInAnyOrderElementsOf(wanted);
        assertThat(idsByAddress.values()).as("one reminder each").allMatch(ids -> ids.size() == 1);
        long copies = mails.size() - expected;
        System.out.printf("Killed replica %d after %d of %d e-mails; %d copies re-sent after the kill%n", victimPid,
                before, expected, copies);
        assertThat(copies).as("a copy only of a message the killed replica had handed to the SMTP server but not yet "
                + "recorded (at most 20 per sender thread, 4 threads), carrying the same Message-ID")
                .isBetween(0L, 4L * 20);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mongo.getDatabase("notification")
                .getCollection("inbox").countDocuments(Filters.and(Filters.eq("type", "WINDOW_CLOSING"),
                        Filters.eq("reference", campaign)))).as("inbox items: one per officer, and one for each "
                + "commune with nobody in the directory").isEqualTo(expected + UNIT_INBOXES.size()));

        if (victim != second) {
            // The gateway reaches notification-service at the first replica's address.
            platform.start(Service.NOTIFICATION, Map.of());
            platform.awaitHealthy(Service.NOTIFICATION);
        }
        // A commune files both models it lacked: its nine-day reminder is cancelled.
        register(gateway, officer, campaign, LACKING, "COLLECTIVE");
        register(gateway, officer, campaign, LACKING, "INDIVIDUAL");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statusByOffset(reminders + LACKING,
                coordinator)).containsEntry("P9D", "CANCELLED").containsEntry("P30D", "SENT"));
    }

    private static String address(String commune, int i, String run) {
        return "can-bo-" + i + "." + commune + "." + run + "@xa.example.vn";
    }

    /** The window reminders received by this run's officers (who also hear of the models their commune files). */
    private static List<ReceivedMail> reminderMails(String run) {
        return platform.stack().mail().receivedMessages().stream()
                .filter(m -> m.to().get(0).endsWith("." + run + "@xa.example.vn"))
                .filter(m -> m.subject().startsWith("Còn 10 ngày")).toList();
    }

    private static void register(String gateway, String officer, String campaign, String unit, String kind)
            throws Exception {
        String owner = "INDIVIDUAL".equals(kind) ? ",\"owner\":{\"type\":\"PERSON\",\"name\":\"Nguyễn Văn Bình\"}" : "";
        HttpResponse<String> created = Api.postJson(gateway + "/api/registration/registrations", "{\"campaignId\":\""
                + campaign + "\",\"unitCode\":\"" + unit + "\",\"title\":\"Mô hình " + kind.toLowerCase() + " "
                + UUID.randomUUID().toString().substring(0, 6) + "\",\"kind\":\"" + kind
                + "\",\"field\":\"ECONOMY\"" + owner + "}", officer);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private static List<String> statuses(String url, String token) throws Exception {
        return statusByOffset(url, token).values().stream().collect(Collectors.toList());
    }

    private static Map<String, String> statusByOffset(String url, String token) throws Exception {
        Map<String, String> byOffset = new HashMap<>();
        HttpResponse<String> page = Api.get(url, token);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Api.json(page).get("content").forEach(r -> byOffset.put(r.get("offset").asText(),
                r.get("status").asText()));
        return byOffset;
    }
}
