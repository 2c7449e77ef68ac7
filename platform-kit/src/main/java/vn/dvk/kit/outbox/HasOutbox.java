package vn.dvk.kit.outbox;

import java.util.List;

/**
 * An aggregate stored as one MongoDB document that carries the events it caused but has not yet published, in a field
 * named {@value #FIELD}. The outbox relay finds such documents in every collection whose entity implements this.
 */
public interface HasOutbox {

    String FIELD = "outbox";

    /** The pending events, oldest first; the list is mutable so that features can append to it. */
    List<OutboxEvent> outbox();
}
