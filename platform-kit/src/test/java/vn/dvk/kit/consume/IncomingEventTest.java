package vn.dvk.kit.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.messaging.support.MessageBuilder;

class IncomingEventTest {

    private static final byte[] DATA = "{}".getBytes(StandardCharsets.UTF_8);

    @Test
    void readsAttributesWrittenAsRawBytesByAnExternalProducer() {
        IncomingEvent event = IncomingEvent.from(MessageBuilder.withPayload(DATA)
                .setHeader("ce_id", "e-1".getBytes(StandardCharsets.UTF_8))
                .setHeader("ce_type", "vn.dvk.registration.submitted.v1".getBytes(StandardCharsets.UTF_8))
                .setHeader("ce_source", "urn:dvk:registration-service".getBytes(StandardCharsets.UTF_8))
                .setHeader("ce_time", "2026-11-20T02:15:30Z".getBytes(StandardCharsets.UTF_8))
                .build());
        assertThat(event.id()).isEqualTo("e-1");
        assertThat(event.type()).isEqualTo("vn.dvk.registration.submitted.v1");
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-20T02:15:30Z"));
        assertThat(event.subject()).isNull();
    }

    @Test
    void readsAttributesUnderTheCanonicalPrefixOfSpringCloudFunction() {
        IncomingEvent event = IncomingEvent.from(MessageBuilder.withPayload(DATA)
                .setHeader("ce-id", "e-2").setHeader("ce-type", "t").setHeader("ce-source", "s").build());
        assertThat(event.id()).isEqualTo("e-2");
    }

    @Test
    void refusesARecordWithoutAnEventIdSoThatItIsDeadLettered() {
        assertThatThrownBy(() -> IncomingEvent.from(MessageBuilder.withPayload(DATA)
                .setHeader("ce_type", "t").setHeader("ce_source", "s").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
    }
}
