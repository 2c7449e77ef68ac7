package vn.dvk.kit.outbox;

import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;

/** Wakes the relay as soon as an aggregate with pending events has been saved, so events leave within milliseconds. */
class OutboxWakeUpListener extends AbstractMongoEventListener<HasOutbox> {

    private final OutboxRelay relay;

    OutboxWakeUpListener(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public void onAfterSave(AfterSaveEvent<HasOutbox> event) {
        if (!event.getSource().outbox().isEmpty()) {
            relay.wakeUp(event.getCollectionName(), event.getDocument().get("_id"));
        }
    }
}
