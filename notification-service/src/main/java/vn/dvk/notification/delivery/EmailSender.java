package vn.dvk.notification.delivery;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.stereotype.Component;
import vn.dvk.notification.NotificationSettings;
import vn.dvk.notification.recipient.Channel;

/**
 * E-mail over SMTP. Each sending thread keeps its own connection open across messages and batches (reconnecting
 * after an error, or after it lay idle long enough for the server to have dropped it), which is what lets one replica
 * send thousands a minute: a connection costs a handshake of several round trips, and asking a connection whether it
 * is still alive (JavaMail's {@code isConnected()}) costs one more per message. Every message carries a Message-ID
 * derived from its dedupe key, so that a message re-sent after a crash between the server's acceptance and our
 * record of it is recognisable as the same message by any receiving system.
 */
@Component
class EmailSender implements ChannelSender {

    private final NotificationSettings.Mail mail;
    private final Session session;
    /** The configured sender, its display name encoded (parsed when e-mail is on). */
    private final InternetAddress from;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    /** Longer idle than this, a connection is opened afresh: SMTP servers drop idle clients after some minutes. */
    private static final long IDLE_NANOS = Duration.ofSeconds(30).toNanos();

    /** A sending thread's connection, whether it has carried a message yet, and when it last did. */
    private static final class Connection {
        final Transport transport;
        boolean carried;
        long usedAt = System.nanoTime();

        Connection(Transport transport) {
            this.transport = transport;
        }
    }

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
        try {
            // Checked at start-up when e-mail is on: a sender that is not an address would fail every message.
            this.from = mail.enabled() ? address(mail.from()) : null;
        } catch (AddressException e) {
            throw new IllegalArgumentException("dvk.notification.mail.from is not an address: " + mail.from(), e);
        }
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
        MimeMessage message = message(delivery);
        Connection connection = connection();
        try {
            send(connection, message);
        } catch (MessagingException e) {
            if (!connection.carried || e instanceof SendFailedException) {
                throw e;
            }
            // Not refused by the server, but the connection failed: one kept since an earlier message may have been
            // dropped by the server meanwhile. Once more over a new one (should the server have taken the message
            // before the connection broke, the copy carries the same Message-ID).
            send(connection(), message);
        }
    }

    /** The message of a delivery, its headers all ASCII (the client never asks the server for SMTPUTF8). */
    MimeMessage message(Delivery delivery) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId(delivery.id()));
            }
        };
        message.setFrom(from != null ? from : address(mail.from()));
        message.setRecipient(Message.RecipientType.TO, address(delivery.address()));
        message.setSubject(delivery.subject(), StandardCharsets.UTF_8.name());
        message.setText(delivery.body(), StandardCharsets.UTF_8.name());
        message.setHeader("X-DVK-Delivery", delivery.id());
        message.saveChanges();
        return message;
    }

    /**
     * An address as configured or stored ({@code Phong trào Dân vận khéo <no-reply@dvk.local>}, or a bare address),
     * with its display name encoded per RFC 2047 ({@code =?UTF-8?Q?...?=}): parsed as it is, a Vietnamese name
     * would go out as raw UTF-8, which a server not asked for SMTPUTF8 may refuse or mangle.
     */
    static InternetAddress address(String value) throws AddressException {
        InternetAddress parsed = new InternetAddress(value, true);
        String personal = parsed.getPersonal();
        if (personal == null || personal.isBlank()) {
            return new InternetAddress(parsed.getAddress(), true);
        }
        try {
            return new InternetAddress(parsed.getAddress(), personal, StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(Connection connection, MimeMessage message) throws MessagingException {
        try {
            connection.transport.sendMessage(message, message.getAllRecipients());
            connection.usedAt = System.nanoTime();
            connection.carried = true;
        } catch (MessagingException e) {
            release();
            throw e;
        }
    }

    private Connection connection() throws MessagingException {
        Connection connection = connections.get();
        if (connection != null && System.nanoTime() - connection.usedAt > IDLE_NANOS) {
            release();
            connection = null;
        }
        if (connection == null) {
            Transport transport = session.getTransport("smtp");
            if (mail.username() != null && !mail.username().isBlank()) {
                transport.connect(mail.host(), mail.port(), mail.username(), mail.password());
            } else {
                transport.connect();
            }
            connection = new Connection(transport);
            connections.set(connection);
        }
        return connection;
    }

    /** Closes the calling thread's connection (after an error: the next message opens a new one). */
    private void release() {
        Connection connection = connections.get();
        connections.remove();
        if (connection != null) {
            try {
                connection.transport.close();
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
