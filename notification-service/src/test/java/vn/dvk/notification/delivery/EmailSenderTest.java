package vn.dvk.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import jakarta.mail.MessagingException;
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

    private static NotificationSettings settings(int port) {
        return new NotificationSettings(ZoneId.of("Asia/Ho_Chi_Minh"), null, null, null, "21:00-07:00",
                new NotificationSettings.Mail(true, "127.0.0.1", port, "DVK <no-reply@dvk.local>", null, null, false),
                null, new NotificationSettings.Digest(LocalTime.of(7, 0)));
    }

    private static Delivery delivery(String recipient, String address) {
        return new Delivery("WINDOW:c|" + recipient + "|EMAIL", "WINDOW:c", NotificationType.WINDOW_CLOSING,
                Channel.EMAIL, recipient, "00082", address, "vi", 1, "Còn 3 ngày đăng ký mô hình",
                "Kính gửi đồng chí, đơn vị còn có thể đăng ký 1 mô hình tập thể.", "c", Delivery.Status.PENDING, 0,
                List.of(), null, null, Instant.now(), null, null);
    }
}
