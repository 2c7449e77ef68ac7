package vn.dvk.kit.outbox;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;
import vn.dvk.kit.id.Ids;
import vn.dvk.kit.web.CorrelationId;

/** Turns a service's own event record into a pending {@link OutboxEvent} on an aggregate. */
public class Outbox {

    private final JsonMapper json;
    private final Clock clock;

    public Outbox(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** Appends the event to the aggregate's outbox; it is published once the aggregate is saved. */
    public OutboxEvent append(HasOutbox aggregate, String topic, String type, String subject, Object data) {
        OutboxEvent event = new OutboxEvent(Ids.newId(), topic, type, subject, clock.instant(),
                json.writeValueAsString(data), CorrelationId.current());
        aggregate.outbox().add(event);
        return event;
    }
}
