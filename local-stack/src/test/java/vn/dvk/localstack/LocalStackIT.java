package vn.dvk.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class LocalStackIT {

    @Test
    void keepsEveryAcknowledgedWriteWhenTheProcessIsKilledWithSigkill() throws Exception {
        Path data = Files.createTempDirectory("dvk-durability-");
        int mongoPort = FreePorts.free();
        int acknowledged = 3_000;
        Process first = startLocalStack(data, mongoPort);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
            MongoCollection<Document> writes = client.getDatabase("durability").getCollection("writes");
            for (int i = 0; i < acknowledged; i++) {
                writes.insertOne(new Document("_id", i).append("title", "Mô hình số " + i));
            }
            writes.updateOne(new Document("_id", 0), new Document("$set", new Document("title", "đã sửa")));
        }
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        Process second = startLocalStack(data, mongoPort);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
            MongoCollection<Document> writes = client.getDatabase("durability").getCollection("writes");
            assertThat(writes.countDocuments()).as("acknowledged writes lost to kill -9").isEqualTo(acknowledged);
            assertThat(writes.find(new Document("_id", 0)).first().getString("title")).isEqualTo("đã sửa");
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void keepsDataAcrossACleanRestartAndListsReceivedMail() throws Exception {
        Path data = Files.createTempDirectory("dvk-restart-");
        try (LocalStack stack = LocalStack.builder().dataDir(data).mailHttpPort(0).start();
                MongoClient client = MongoClients.create(stack.mongoConnectionString())) {
            client.getDatabase("restart").getCollection("units").insertOne(new Document("_id", "00004")
                    .append("name", "Phường Ba Đình"));
            Session session = Session.getInstance(smtp(stack.mail().smtpPort()));
            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(new InternetAddress("dvk@localhost"));
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress("can-bo@badinh.local"));
            mail.setSubject("Nhắc hạn đăng ký mô hình", "UTF-8");
            mail.setText("Còn 3 ngày.", "UTF-8");
            Transport.send(mail);
            HttpResponse<String> listing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + stack.mail().httpPort() + "/messages")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(listing.body()).contains("Nhắc hạn đăng ký mô hình").contains("can-bo@badinh.local");
        }
        try (LocalStack stack = LocalStack.builder().dataDir(data).start();
                MongoClient client = MongoClients.create(stack.mongoConnectionString())) {
            assertThat(client.getDatabase("restart").getCollection("units").find().first().getString("name"))
                    .isEqualTo("Phường Ba Đình");
        }
    }

    private static Properties smtp(int port) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        return props;
    }

    private static Process startLocalStack(Path data, int mongoPort) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-jar", System.getProperty("dvk.localstack.jar")).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("DVK_DATA_DIR", data.toString());
        env.put("MONGO_PORT", String.valueOf(mongoPort));
        env.put("KAFKA_PORT", String.valueOf(FreePorts.free()));
        env.put("KAFKA_CONTROLLER_PORT", String.valueOf(FreePorts.free()));
        env.put("SMTP_PORT", String.valueOf(FreePorts.free()));
        env.put("MAIL_HTTP_PORT", String.valueOf(FreePorts.free()));
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("LOCAL-STACK READY")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "local-stack-output");
                drain.setDaemon(true);
                drain.start();
                return process;
            }
        }
        throw new IllegalStateException("local stack exited before it was ready: " + process.waitFor());
    }
}
