package vn.dvk.kit.outbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the listener that wakes the relay after a save, which stays package-private. */
@Configuration(proxyBeanMethods = false)
public class OutboxWakeUp {

    @Bean
    OutboxWakeUpListener outboxWakeUpListener(OutboxRelay relay) {
        return new OutboxWakeUpListener(relay);
    }
}
