package vn.dvk.notification.inbox;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import vn.dvk.kit.consume.EventDispatchers;

/** The {@code onRegistrationEvent-in-0} binding (topic {@code registration-events}). */
@Configuration(proxyBeanMethods = false)
class InboxEvents {

    @Bean
    Consumer<Message<byte[]>> onRegistrationEvent(EventDispatchers events, Inbox inbox) {
        return events.builder()
                .on(RegistrationSubmitted.TYPE, RegistrationSubmitted.class, inbox::registrationSubmitted)
                .build();
    }
}
