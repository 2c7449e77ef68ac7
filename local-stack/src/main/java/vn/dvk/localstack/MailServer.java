package vn.dvk.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) that accepts every message for every address, plus a tiny HTTP endpoint
 * {@code GET /messages} that lists what it received as JSON, so people and tests can see what was sent.
 */
public final class MailServer implements AutoCloseable {

    /** One received message, as the listing shows it: the body decoded, and the sender's Message-ID. */
    public record ReceivedMail(String from, List<String> to, String subject, String body, String messageId) {
    }

    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // GreenMail parses each message with Jakarta Mail, which otherwise looks its stream provider up with a
        // ServiceLoader on every header (jakartaee/mail-api#861): 15 % of the local stack's time under load.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final GreenMail greenMail;
    private final HttpServer http;
    private final int smtpPort;

    private MailServer(GreenMail greenMail, HttpServer http, int smtpPort) {
        this.greenMail = greenMail;
        this.http = http;
        this.smtpPort = smtpPort;
    }

    /**
     * @param host     address to bind
     * @param smtpPort SMTP port, 0 for a free one
     * @param httpPort port of the listing endpoint, 0 for a free one, -1 for none
     */
    public static MailServer start(String host, int smtpPort, int httpPort) {
        int port = FreePorts.orFree(smtpPort);
        GreenMail greenMail = new GreenMail(new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        // Every message goes into one catch-all mailbox (its recipients stay in its headers): by default GreenMail
        // makes a mailbox per address and finds it by a linear search, which made 100,000 reminders to distinct
        // people quadratic (about 600 messages/s and falling).
        GreenMailUser everyone = greenMail.setUser("everyone@dvk.local", "everyone", "");
        greenMail.getUserManager().setMessageDeliveryHandler((message, address) -> everyone);
        if (httpPort < 0) {
            return new MailServer(greenMail, null, port);
        }
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(host, FreePorts.orFree(httpPort)), 0);
        } catch (IOException e) {
            greenMail.stop();
            throw new UncheckedIOException(e);
        }
        http.createContext("/messages", exchange -> {
                byte[] body = Json.array(received(greenMail).stream().map(MailServer::toJson).toList())
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
        });
        http.start();
        return new MailServer(greenMail, http, port);
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** Port of the HTTP listing, or -1 when it was not started. */
    public int httpPort() {
        return http == null ? -1 : http.getAddress().getPort();
    }

    public List<ReceivedMail> receivedMessages() {
        return received(greenMail);
    }

    private static List<ReceivedMail> received(GreenMail greenMail) {
        List<ReceivedMail> result = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                List<String> to = new ArrayList<>();
                Address[] recipients = message.getAllRecipients();
                if (recipients != null) {
                    for (Address a : recipients) {
                        to.add(a.toString());
                    }
                }
                Address[] from = message.getFrom();
                Object content = message.getContent();
                result.add(new ReceivedMail(from == null || from.length == 0 ? "" : from[0].toString(), to,
                        message.getSubject(), content instanceof String text ? text : GreenMailUtil.getBody(message),
                        message.getMessageID()));
            } catch (MessagingException | java.io.IOException e) {
                throw new IllegalStateException("unreadable message", e);
            }
        }
        return result;
    }

    private static String toJson(ReceivedMail mail) {
        return "{\"from\":" + Json.string(mail.from()) + ",\"to\":"
                + Json.array(mail.to().stream().map(Json::string).toList()) + ",\"subject\":"
                + Json.string(mail.subject()) + ",\"body\":" + Json.string(mail.body()) + ",\"messageId\":"
                + Json.string(mail.messageId() == null ? "" : mail.messageId()) + "}";
    }

    @Override
    public void close() {
        if (http != null) {
            http.stop(0);
        }
        greenMail.stop();
    }
}
