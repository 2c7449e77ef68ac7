package vn.dvk.kit.outbox;

import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;
import org.springframework.data.mongodb.core.mapping.event.BeforeSaveEvent;

/**
 * Marks an aggregate with pending events before it is saved, so that a sweep finds it even if this process dies
 * right after the save; and wakes the relay as soon as it has been saved, so that events leave within milliseconds.
 */
class OutboxWakeUpListener extends AbstractMongoEventListener<HasOutbox> {

    private final OutboxRelay relay;

    OutboxWakeUpListener(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public void onBeforeSave(BeforeSaveEvent<HasOutbox> event) {
        if (!event.getSource().outbox().isEmpty()) {
            relay.mark(event.getCollectionName(), event.getDocument().get("_id"));
        }
    }

    @Override
    public void onAfterSave(AfterSaveEvent<HasOutbox> event) {
        if (!event.getSource().outbox().isEmpty()) {
            relay.wakeUp(event.getCollectionName(), event.getDocument().get("_id"));
        }
    }
}
