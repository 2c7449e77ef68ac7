package vn.dvk.kit.consume;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;
import vn.dvk.kit.web.CorrelationId;

/**
 * The body of a consumer binding: reads the CloudEvent, maps its data to the consumer's own record for that type and
 * calls the handler. Types the consumer does not know are skipped (other services add types over time). A handler
 * that throws makes the binder retry and finally dead-letter the record.
 *
 * <pre>{@code
 * @Bean Consumer<Message<byte[]>> onRegistrationEvent(EventDispatcher.Builder events, Dossiers dossiers) {
 *     return events.on("vn.dvk.registration.submitted.v1", RegistrationSubmitted.class, dossiers::open).build();
 * }
 * }</pre>
 */
public final class EventDispatcher implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final Map<String, BiConsumer<IncomingEvent, byte[]>> handlers;
    private final MeterRegistry meters;

    private EventDispatcher(Map<String, BiConsumer<IncomingEvent, byte[]>> handlers, MeterRegistry meters) {
        this.handlers = Map.copyOf(handlers);
        this.meters = meters;
    }

    @Override
    public void accept(Message<byte[]> message) {
        IncomingEvent event = IncomingEvent.from(message);
        BiConsumer<IncomingEvent, byte[]> handler = handlers.get(event.type());
        if (handler == null) {
            log.debug("Skipping event {} of unhandled type {}", event.id(), event.type());
            meters.counter("dvk.events.consumed", "type", event.type(), "outcome", "skipped").increment();
            return;
        }
        // Events this handler causes carry the same correlation id as the one it handles.
        try (CorrelationId.Scope ignored = CorrelationId.use(event.correlationId())) {
            handler.accept(event, event.data());
        } catch (RuntimeException e) {
            meters.counter("dvk.events.consumed", "type", event.type(), "outcome", "failed").increment();
            throw e;
        }
        meters.counter("dvk.events.consumed", "type", event.type(), "outcome", "applied").increment();
    }

    /** Collects the handlers of one consumer binding. */
    public static final class Builder {
        private final JsonMapper json;
        private final MeterRegistry meters;
        private final Map<String, BiConsumer<IncomingEvent, byte[]>> handlers = new HashMap<>();

        public Builder(JsonMapper json, MeterRegistry meters) {
            this.json = json;
            this.meters = meters;
        }

        /** Handles events of {@code type}, whose data is read as {@code dataType}. */
        public <T> Builder on(String type, Class<T> dataType, BiConsumer<IncomingEvent, T> handler) {
            if (handlers.putIfAbsent(type, (event, data) -> handler.accept(event, json.readValue(data, dataType)))
                    != null) {
                throw new IllegalStateException("two handlers for " + type);
            }
            return this;
        }

        public EventDispatcher build() {
            return new EventDispatcher(handlers, meters);
        }
    }
}
