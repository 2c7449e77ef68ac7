package vn.dvk.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;
import vn.dvk.localstack.MailServer;
import vn.dvk.notification.NotificationSettings;
import vn.dvk.notification.recipient.Channel;
import vn.dvk.notification.template.NotificationType;

/**
 * The sending thread's kept SMTP connection, against the local stack's real SMTP server: a server restarted between
 * two messages (so the kept connection is dead) still gets the second message on its first attempt, and a server
 * that is down makes the attempt fail instead of hanging or pretending.
 */
class EmailSenderTest {

    @Test
    void keptConnectionDroppedByTheServerIsReplacedWithoutFailingTheMessage() throws Exception {
        MailServer first = MailServer.start("127.0.0.1", 0, -1);
        int port = first.smtpPort();
        EmailSender sender = new EmailSender(settings(port));
        MailServer second = null;
        try (first) {
            sender.send(delivery("1", "thu-nhat@xa.example.vn"));
            assertThat(first.receivedMessages()).extracting(m -> m.to().get(0)).containsExactly("thu-nhat@xa.example.vn");
            first.close();
            second = MailServer.start("127.0.0.1", port, -1);

            sender.send(delivery("2", "thu-hai@xa.example.vn"));

            List<MailServer.ReceivedMail> received = second.receivedMessages();
            assertThat(received).extracting(m -> m.to().get(0)).containsExactly("thu-hai@xa.example.vn");
            assertThat(received.get(0).messageId()).isEqualTo(EmailSender.messageId("WINDOW:c|2|EMAIL"));
            second.close();
            second = null;

            assertThatThrownBy(() -> sender.send(delivery("3", "thu-ba@xa.example.vn")))
                    .as("no server: the attempt fails (and is retried later by the dispatcher)")
                    .isInstanceOf(MessagingException.class);
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }

    @Test
    void displayNamesAreEncodedSoThatEveryHeaderIsAscii() throws Exception {
        try (MailServer server = MailServer.start("127.0.0.1", 0, -1)) {
            EmailSender sender = new EmailSender(settings(server.smtpPort(), SENDER));
            Delivery delivery = delivery("4", "Nguyễn Thị Ánh <anh@xa.example.vn>");

            // The message exactly as the client writes it to the server after DATA.
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            sender.message(delivery).writeTo(raw);
            byte[] bytes = raw.toByteArray();
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            String headers = text.substring(0, text.indexOf("\r\n\r\n"));
            for (int i = 0; i < headers.length(); i++) {
                assertThat((int) headers.charAt(i)).as("header byte %d of:%n%s", i, headers).isLessThan(128);
            }
            String from = header(headers, "From");
            assertThat(from).contains("=?UTF-8?").endsWith("<no-reply@dvk.local>");
            assertThat(MimeUtility.decodeText(from)).isEqualTo("Phong trào Dân vận khéo <no-reply@dvk.local>");
            String to = header(headers, "To");
            assertThat(to).contains("=?UTF-8?").endsWith("<anh@xa.example.vn>");
            assertThat(MimeUtility.decodeText(to)).isEqualTo("Nguyễn Thị Ánh <anh@xa.example.vn>");

            sender.send(delivery);

            // As the server took it: the sender's name still encoded (a raw UTF-8 name would be kept as it came).
            MailServer.ReceivedMail received = server.receivedMessages().get(0);
            assertThat(received.from()).matches("\\p{ASCII}+");
            assertThat(MimeUtility.decodeText(received.from()))
                    .isEqualTo("Phong trào Dân vận khéo <no-reply@dvk.local>");
            assertThat(received.to()).hasSize(1);
            assertThat(MimeUtility.decodeText(received.to().get(0))).isEqualTo("Nguyễn Thị Ánh <anh@xa.example.vn>");
            assertThat(received.subject()).isEqualTo("Còn 3 ngày đăng ký mô hình");
        }
    }

    @Test
    void bareAddressesStayBare() throws Exception {
        EmailSender sender = new EmailSender(settings(25, "no-reply@dvk.local"));
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        sender.message(delivery("5", "thu-nam@xa.example.vn")).writeTo(raw);
        String text = raw.toString(StandardCharsets.ISO_8859_1);
        String headers = text.substring(0, text.indexOf("\r\n\r\n"));
        assertThat(header(headers, "From")).isEqualTo("no-reply@dvk.local");
        assertThat(header(headers, "To")).isEqualTo("thu-nam@xa.example.vn");
    }

    private static final String SENDER = "Phong trào Dân vận khéo <no-reply@dvk.local>";

    /** A header's value, its folded lines joined. */
    private static String header(String headers, String name) {
        String unfolded = headers.replaceAll("\r\n[ \t]+", " ");
        return unfolded.lines().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(l -> l.substring(name.length() + 1).strip()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " header in:\n" + headers));
    }

    private static NotificationSettings settings(int port) {
        return settings(port, "DVK <no-reply@dvk.local>");
    }

    private static NotificationSettings settings(int port, String from) {
        return new NotificationSettings(ZoneId.of("Asia/Ho_Chi_Minh"), null, null, null, "21:00-07:00",
                new NotificationSettings.Mail(true, "127.0.0.1", port, from, null, null, false),
                null, new NotificationSettings.Digest(LocalTime.of(7, 0)));
    }

    private static Delivery delivery(String recipient, String address) {
        return new Delivery("WINDOW:c|" + recipient + "|EMAIL", "WINDOW:c", NotificationType.WINDOW_CLOSING,
                Channel.EMAIL, recipient, "00082", address, "vi", 1, "Còn 3 ngày đăng ký mô hình",
                "Kính gửi đồng chí, đơn vị còn có thể đăng ký 1 mô hình tập thể.", "c", Delivery.Status.PENDING, 0,
                List.of(), null, null, Instant.now(), null, null, null);
    }
}
