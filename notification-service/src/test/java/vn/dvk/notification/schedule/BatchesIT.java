package vn.dvk.notification.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.dvk.kit.testing.TestStack;
import vn.dvk.notification.NotificationSettings;

/**
 * The dispatch schedule's claims on the local stack's MongoDB-wire server: a batch is claimed once its slot has
 * come, by one holder at a time, and work added while it is held sends it round again rather than being lost.
 */
class BatchesIT {

    private final MongoClient client = MongoClients.create(TestStack.get().mongoConnectionString());
    private final MongoTemplate mongo = new MongoTemplate(client, "notification-batches-" + UUID.randomUUID());
    private final Clock clock = Clock.systemUTC();
    private final NotificationSettings settings = new NotificationSettings(ZoneId.of("Asia/Ho_Chi_Minh"), null,
            new NotificationSettings.Dispatch(Duration.ofSeconds(1), Duration.ofMinutes(1), 1, 4,
                    Duration.ofMinutes(1), 20), null, "21:00-07:00", null, null,
            new NotificationSettings.Digest(LocalTime.of(7, 0)));

    @AfterEach
    void close() {
        mongo.getDb().drop();
        client.close();
    }

    @Test
    void shouldClaimDueWorkOnceAndSendItRoundAgainWhenMoreCameWhileItWasHeld() {
        Batches batches = new Batches(mongo, clock, settings);
        Instant slot = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
        batches.addRetries(Map.of("d-1", slot));
        batches.addDigests(Map.of("d-2", clock.instant().plus(Duration.ofHours(1))));

        DispatchBatch held = batches.claim("one").orElseThrow();
        assertThat(held.retryIds()).containsExactly("d-1");
        assertThat(batches.claim("two")).as("held by one; the digest's slot has not come").isEmpty();

        batches.addRetries(Map.of("d-3", slot.minusSeconds(30)));
        assertThat(batches.done(held)).as("work came in while it was held").isFalse();
        DispatchBatch again = batches.claim("two").orElseThrow();
        assertThat(again.id()).isEqualTo(held.id());
        assertThat(again.retryIds()).containsExactlyInAnyOrder("d-1", "d-3");
        assertThat(batches.renew(held)).as("the first holder lost it").isFalse();
        assertThat(batches.done(again)).isTrue();
        assertThat(batches.claim("one")).isEmpty();
    }
}
