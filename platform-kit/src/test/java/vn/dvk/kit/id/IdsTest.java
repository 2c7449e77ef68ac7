package vn.dvk.kit.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsCreatedLaterSortAfterIdsCreatedEarlier() {
        String earlier = Ids.newUuid(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).toString();
        String later = Ids.newUuid(Clock.fixed(Instant.parse("2026-01-01T00:00:00.001Z"), ZoneOffset.UTC)).toString();
        assertThat(earlier).isLessThan(later);
    }

    @Test
    void idsAreVersion7UuidsAndDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = Ids.newId();
            assertThat(UUID.fromString(id).version()).isEqualTo(7);
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }
}
