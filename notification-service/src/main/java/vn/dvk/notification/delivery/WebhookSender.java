package vn.dvk.notification.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import vn.dvk.notification.NotificationSettings;
import vn.dvk.notification.recipient.Channel;

/**
 * SMS and Zalo through the province's own gateway: a JSON POST signed with HMAC-SHA256 over
 * {@code timestamp + "." + body} ({@value #SIGNATURE} header, {@code sha256=<hex>}), so the gateway can tell it comes
 * from us and is fresh. {@value #IDEMPOTENCY} carries the dedupe key: the gateway sends a message once per key.
 */
@Component
class WebhookSender implements ChannelSender {

    static final String SIGNATURE = "X-DVK-Signature";
    static final String TIMESTAMP = "X-DVK-Timestamp";
    static final String IDEMPOTENCY = "Idempotency-Key";

    private final NotificationSettings.Webhook webhook;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    WebhookSender(NotificationSettings settings, JsonMapper json, Clock clock) {
        this.webhook = settings.webhook();
        this.json = json;
        this.clock = clock;
    }

    @Override
    public boolean handles(Channel channel) {
        return channel == Channel.SMS || channel == Channel.ZALO;
    }

    @Override
    public boolean enabled() {
        return webhook.enabled();
    }

    @Override
    public void send(Delivery delivery) throws Exception {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("deliveryId", delivery.id());
        payload.put("channel", delivery.channel());
        payload.put("to", delivery.address());
        payload.put("type", delivery.type());
        payload.put("language", delivery.language());
        payload.put("subject", delivery.subject());
        payload.put("text", delivery.body());
        String body = json.writeValueAsString(payload);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhook.url())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, "sha256=" + sign(webhook.secret(), timestamp + "." + body))
                .header(IDEMPOTENCY, delivery.id())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("gateway answered " + response.statusCode());
        }
    }

    static String sign(String secret, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec((secret == null ? "" : secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
