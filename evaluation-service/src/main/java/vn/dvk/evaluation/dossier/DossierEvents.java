package vn.dvk.evaluation.dossier;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import vn.dvk.kit.consume.EventDispatcher;
import vn.dvk.kit.consume.EventDispatchers;

/** The {@code onRegistrationEvent-in-0} binding (topic {@code registration-events}). */
@Configuration(proxyBeanMethods = false)
class DossierEvents {

    @Bean
    Consumer<Message<byte[]>> onRegistrationEvent(EventDispatchers events, Dossiers dossiers) {
        EventDispatcher.Builder builder = events.builder();
        RegistrationChanged.TYPES.forEach(type -> builder.on(type, RegistrationChanged.class, dossiers::apply));
        return builder.build();
    }
}
