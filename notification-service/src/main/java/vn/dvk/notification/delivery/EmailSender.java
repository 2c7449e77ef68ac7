package vn.dvk.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.stereotype.Component;
import vn.dvk.notification.NotificationSettings;
import vn.dvk.notification.recipient.Channel;

/**
 * E-mail over SMTP. Each sending thread keeps its own connection open across messages (reconnecting after an
 * error), which is what lets one replica send thousands a minute. Every message carries a Message-ID derived from
 * its dedupe key, so that a message re-sent after a crash between the server's acceptance and our record of it is
 * recognisable as the same message by any receiving system.
 */
@Component
class EmailSender implements ChannelSender {

    private final NotificationSettings.Mail mail;
    private final Session session;
    private final ThreadLocal<Transport> transports = new ThreadLocal<>();

    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // Jakarta Mail 2.1 looks its stream provider up with a ServiceLoader on every header and body it encodes
        // (jakartaee/mail-api#861): through Spring Boot's nested-jar class loader that was three quarters of the
        // sending threads' time. Named here, it is found by its class name instead.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    EmailSender(NotificationSettings settings) {
        this.mail = settings.mail();
        Properties props = new Properties();
        props.put("mail.smtp.host", mail.host());
        props.put("mail.smtp.port", Integer.toString(mail.port()));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "20000");
        props.put("mail.smtp.writetimeout", "20000");
        props.put("mail.smtp.starttls.enable", Boolean.toString(mail.startTls()));
        boolean auth = mail.username() != null && !mail.username().isBlank();
        props.put("mail.smtp.auth", Boolean.toString(auth));
        this.session = Session.getInstance(props);
    }

    @Override
    public boolean handles(Channel channel) {
        return channel == Channel.EMAIL;
    }

    @Override
    public boolean enabled() {
        return mail.enabled();
    }

    @Override
    public void send(Delivery delivery) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId(delivery.id()));
            }
        };
        message.setFrom(new InternetAddress(mail.from(), true));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(delivery.address(), true));
        message.setSubject(delivery.subject(), StandardCharsets.UTF_8.name());
        message.setText(delivery.body(), StandardCharsets.UTF_8.name());
        message.setHeader("X-DVK-Delivery", delivery.id());
        message.saveChanges();
        Transport transport = transport();
        try {
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            release();
            throw e;
        }
    }

    private Transport transport() throws MessagingException {
        Transport transport = transports.get();
        if (transport == null || !transport.isConnected()) {
            transport = session.getTransport("smtp");
            if (mail.username() != null && !mail.username().isBlank()) {
                transport.connect(mail.host(), mail.port(), mail.username(), mail.password());
            } else {
                transport.connect();
            }
            transports.set(transport);
        }
        return transport;
    }

    @Override
    public void release() {
        Transport transport = transports.get();
        transports.remove();
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // The connection is gone either way.
            }
        }
    }

    /** A Message-ID that is the same whenever the same delivery is sent. */
    static String messageId(String deliveryId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(deliveryId.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(hash, 0, 16) + "@dvk.local>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
