package vn.dvk.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code dvk.notification.*}: see application.yml for what each setting means. */
@ConfigurationProperties("dvk.notification")
public record NotificationSettings(ZoneId zone, Reminders reminders, Dispatch dispatch, Retry retry,
        String quietHours, Mail mail, Webhook webhook, Digest digest) {

    /** The daily digest goes at {@code sendAt}, local time in {@link #zone}. */
    public record Digest(LocalTime sendAt) {

        /** The first digest after {@code now}. */
        public Instant nextAfter(Instant now, ZoneId zone) {
            LocalDateTime local = LocalDateTime.ofInstant(now, zone);
            LocalDateTime at = local.toLocalDate().atTime(sendAt);
            return (at.isAfter(local) ? at : at.plusDays(1)).atZone(zone).toInstant();
        }
    }

    public record Reminders(List<Duration> offsets, LocalTime sendAt) {
    }

    public record Dispatch(Duration pollInterval, Duration lease, int senders, int shards, Duration slot,
            int markEvery) {
    }

    public record Retry(int maxAttempts, Duration firstBackoff) {

        /** The wait before attempt {@code attempt + 1}: doubling from the first backoff, at most six hours. */
        public Duration backoffAfter(int attempt) {
            Duration wait = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 10));
            return wait.compareTo(Duration.ofHours(6)) > 0 ? Duration.ofHours(6) : wait;
        }
    }

    public record Mail(boolean enabled, String host, int port, String from, String username, String password,
            boolean startTls) {
    }

    public record Webhook(String url, String secret) {

        public boolean enabled() {
            return url != null && !url.isBlank();
        }
    }
}
