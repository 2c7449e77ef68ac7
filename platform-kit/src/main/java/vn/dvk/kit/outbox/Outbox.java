package vn.dvk.kit.outbox;

import java.time.Clock;

import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import tools.jackson.databind.json.JsonMapper;
import vn.dvk.kit.id.Ids;
import vn.dvk.kit.web.CorrelationId;

/**
 * Turns a service's own event record into a pending {@link OutboxEvent} on an aggregate.
 *
 * <p>Each event gets a sequence that orders it among the events of its aggregate. It is derived from the aggregate's
 * optimistic-lock version: the save that carries the event is the one that takes the document from the version it
 * was loaded at to the next, and only one save can do that, so events appended for a later successful save always
 * rank above those of an earlier one. Within one save, events rank in the order they were appended. A pending event
 * that a save carries back after the relay already published it keeps its (lower) sequence, so the relay recognises
 * it and drops it instead of publishing it again.
 */
public class Outbox {

    /** Room for this many events per save of one aggregate, between the sequences of consecutive versions. */
    static final long PER_VERSION = 1_000_000L;

    private final JsonMapper json;
    private final Clock clock;
    private final MongoMappingContext mapping;

    public Outbox(JsonMapper json, Clock clock, MongoMappingContext mapping) {
        this.json = json;
        this.clock = clock;
        this.mapping = mapping;
    }

    /** Appends the event to the aggregate's outbox; it is published once the aggregate is saved. */
    public OutboxEvent append(HasOutbox aggregate, String topic, String type, String subject, Object data) {
        OutboxEvent event = new OutboxEvent(Ids.newId(), topic, type, subject, clock.instant(),
                json.writeValueAsString(data), CorrelationId.current(), nextSequence(aggregate));
        aggregate.outbox().add(event);
        return event;
    }

    private long nextSequence(HasOutbox aggregate) {
        // The version the save will write: Spring Data inserts a new aggregate at 0 and increments on every save.
        long version = loadedVersion(aggregate);
        long next = (version < 0 ? 0 : version + 1) * PER_VERSION;
        for (OutboxEvent pending : aggregate.outbox()) {
            if (pending.sequence() != null && pending.sequence() >= next) {
                next = pending.sequence() + 1;
            }
        }
        return next;
    }

    /** The aggregate's version as loaded, or -1 for one not saved yet. */
    private long loadedVersion(HasOutbox aggregate) {
        MongoPersistentEntity<?> entity = mapping.getPersistentEntity(aggregate.getClass());
        if (entity == null || !entity.hasVersionProperty()) {
            throw new IllegalStateException(aggregate.getClass().getName()
                    + " has pending events, so it needs a @Version property: it orders them");
        }
        Object version = entity.getPropertyAccessor(aggregate).getProperty(entity.getRequiredVersionProperty());
        return version == null ? -1 : ((Number) version).longValue();
    }
}
