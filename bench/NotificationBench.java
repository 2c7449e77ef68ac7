import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dvk.kit.security.Role;
import vn.dvk.notification.recipient.Channel;
import vn.dvk.notification.recipient.Recipient;
import vn.dvk.notification.schedule.Deadline;
import vn.dvk.notification.schedule.DispatchBatch;
import vn.dvk.notification.schedule.Obligation;
import vn.dvk.notification.schedule.Reminder;
import vn.dvk.notification.template.NotificationType;

/**
 * The reminder benchmark's helper (run with notification-service's classpath, so documents are written exactly as
 * the service maps them):
 * <pre>
 *   seed     mongoUri count dueEpochMs shards  - a registration window of `count` organisations, each below quota
 *                                                with one officer (inbox + e-mail), one reminder each due at dueEpochMs
 *   baseline smtpHost smtpPort count threads   - plain JavaMail sends to the same SMTP server: the transport's ceiling
 *   await    mongoUri count dueEpochMs timeoutS mailListUrl - waits for all inbox items and e-mails, then reports
 * </pre>
 */
public class NotificationBench {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "seed" -> seed(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]), Integer.parseInt(args[4]));
            case "baseline" -> baseline(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "await" -> await(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]),
                    Integer.parseInt(args[4]), args[5]);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static String org(int i) {
        return String.format("ORG-%06d", i);
    }

    static void seed(String uri, int count, long dueMs, int shards) {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoTemplate mongo = new MongoTemplate(client, "notification");
            Instant due = Instant.ofEpochMilli(dueMs);
            LocalDate closes = LocalDate.ofInstant(due, ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(5);
            String deadlineId = Deadline.idOf(Deadline.DeadlineKind.WINDOW, "bench-campaign");
            List<String> subjects = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                subjects.add(org(i));
            }
            mongo.insert(new Deadline(deadlineId, Deadline.DeadlineKind.WINDOW, "bench-campaign", "01",
                    "Phong trào thi đua “Dân vận khéo” (benchmark)", closes, "Asia/Ho_Chi_Minh", List.of("P5D"),
                    Map.of("ORGANISATION/COLLECTIVE", 2, "ORGANISATION/INDIVIDUAL", 1), subjects, null));
            Map<String, List<String>> batches = new HashMap<>();
            List<Object> recipients = new ArrayList<>();
            List<Object> obligations = new ArrayList<>();
            List<Object> reminders = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < count; i++) {
                String unit = org(i);
                String obligation = deadlineId + "|" + unit;
                String reminder = obligation + "|" + closes + "|P5D";
                recipients.add(new Recipient("bench-" + i, "mail:" + unit + ":officer@" + unit.toLowerCase()
                        + ".bench.vn", unit, null, "Cán bộ " + unit, "officer@" + unit.toLowerCase() + ".bench.vn",
                        null, Set.of(Role.UNIT_OFFICER), Set.of(Channel.INBOX, Channel.EMAIL), "vi", null, false,
                        true, now, "bench", Recipient.sortKeyOf("Cán bộ " + unit),
                        Recipient.searchKeyOf("Cán bộ " + unit, null, null)));
                obligations.add(new Obligation(obligation, deadlineId, unit, unit, Map.of(), Map.of(), null, null, null,
                        null));
                reminders.add(new Reminder(reminder, deadlineId, obligation, NotificationType.WINDOW_CLOSING, closes,
                        "P5D", due, null, unit, unit, Map.of("vi", 1, "en", 1), Reminder.Status.PENDING, null, now));
                batches.computeIfAbsent(due + "|" + Math.floorMod(reminder.hashCode(), shards),
                        b -> new ArrayList<>()).add(reminder);
                if (recipients.size() == 5000 || i == count - 1) {
                    mongo.insert(recipients, Recipient.class);
                    mongo.insert(obligations, Obligation.class);
                    mongo.insert(reminders, Reminder.class);
                    recipients.clear();
                    obligations.clear();
                    reminders.clear();
                }
            }
            batches.forEach((id, ids) -> mongo.insert(new DispatchBatch(id, due, DispatchBatch.Status.PENDING, null,
                    null, null, ids, null, null, null, null)));
            System.out.printf("seeded %,d organisations below quota, one officer each, %,d reminders due at %s in %d "
                    + "batches%n", count, count, due, batches.size());
        }
    }

    static void baseline(String host, int port, int count, int threads) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", Integer.toString(port));
        Session session = Session.getInstance(props);
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                try (Transport transport = session.getTransport("smtp")) {
                    transport.connect();
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        MimeMessage m = new MimeMessage(session);
                        m.setFrom(new InternetAddress("bench@dvk.local"));
                        m.setRecipient(Message.RecipientType.TO, new InternetAddress("baseline-" + i + "@bench.vn"));
                        m.setSubject("Còn 5 ngày để đăng ký mô hình \"Dân vận khéo\"", "UTF-8");
                        m.setText("Kính gửi đơn vị, thư đối chứng số " + i + ".", "UTF-8");
                        m.saveChanges();
                        transport.sendMessage(m, m.getAllRecipients());
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("baseline: %,d plain e-mails over %d SMTP connections in %.1f s = %,.0f e-mails/s%n", count,
                threads, seconds, count / seconds);
    }

    static void await(String uri, int count, long dueMs, int timeoutSeconds, String mailList) throws Exception {
        try (MongoClient client = MongoClients.create(uri)) {
            var db = client.getDatabase("notification");
            long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
            long inbox = 0;
            long sent = 0;
            while (System.currentTimeMillis() < deadline) {
                // Watching must not load the store it measures: the collection's size is kept, not counted (the
                // inbox holds only the reminders); the e-mails, which follow their inbox items, are counted (a scan
                // of every delivery) only once the inbox is complete.
                inbox = db.getCollection("inbox").estimatedDocumentCount();
                if (inbox >= count) {
                    sent = db.getCollection("deliveries").countDocuments(new Document("status", "SENT"));
                    if (sent >= count) {
                        break;
                    }
                }
                Thread.sleep(5000);
            }
            inbox = db.getCollection("inbox").countDocuments(new Document("type", "WINDOW_CLOSING"));
            long[] inboxLate = lateness(db.getCollection("inbox").find(new Document("type", "WINDOW_CLOSING"))
                    .projection(new Document("createdAt", 1)), "createdAt", dueMs);
            long[] mailLate = lateness(db.getCollection("deliveries").find(new Document("status", "SENT"))
                    .projection(new Document("sentAt", 1)), "sentAt", dueMs);
            JsonNode received = JsonMapper.builder().build().readTree(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(mailList)).build(), HttpResponse.BodyHandlers.ofString()).body());
            int benchMails = 0;
            Set<String> ids = new HashSet<>();
            Set<String> addresses = new HashSet<>();
            for (JsonNode m : received) {
                if (m.get("to").get(0).asString().endsWith(".bench.vn") && !m.get("to").get(0).asString()
                        .startsWith("baseline-")) {
                    benchMails++;
                    ids.add(m.get("messageId").asString());
                    addresses.add(m.get("to").get(0).asString());
                }
            }
            Document dead = new Document("status", new Document("$ne", "SENT"));
            System.out.printf("inbox items: %,d of %,d; e-mails recorded sent: %,d of %,d; not sent: %,d%n", inbox,
                    count, sent, count, db.getCollection("deliveries").countDocuments(dead));
            System.out.printf("SMTP server received %,d reminder e-mails: %,d distinct Message-IDs, %,d distinct "
                    + "addresses, duplicates %,d%n", benchMails, ids.size(), addresses.size(), benchMails - ids.size());
            report("inbox", inboxLate);
            report("e-mail", mailLate);
        }
    }

    static long[] lateness(Iterable<Document> docs, String field, long dueMs) {
        List<Long> values = new ArrayList<>();
        for (Document d : docs) {
            values.add(d.getDate(field).getTime() - dueMs);
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    static void report(String what, long[] late) {
        if (late.length == 0) {
            System.out.println(what + ": nothing delivered");
            return;
        }
        long first = late[0];
        long last = late[late.length - 1];
        System.out.printf("%s: all %,d within %.1f s of the due minute; lateness p50 %.1f s, p99 %.1f s, max %.1f s; "
                        + "throughput %,.0f/s (first to last)%n", what, late.length, last / 1000.0,
                late[late.length / 2] / 1000.0, late[(int) Math.ceil(late.length * 0.99) - 1] / 1000.0, last / 1000.0,
                late.length / Math.max(0.001, (last - first) / 1000.0));
    }
}
