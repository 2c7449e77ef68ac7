package vn.dvk.kit.consume;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The two ways a consumer applies an event exactly once without multi-document transactions. In both, the record
 * of "this event was applied" lives in the same document as the effect, so they are written in one atomic step and
 * concurrent redeliveries race on a unique key rather than on timing.
 */
public class IdempotentWrites {

    /** Field in which documents updated by {@link #applyOnce} remember the event ids they have applied. */
    public static final String APPLIED_EVENTS = "appliedEvents";

    private final MongoTemplate mongo;

    public IdempotentWrites(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Applies {@code update} to the document {@code id} (creating it when missing) unless this event was already
     * applied to it.
     *
     * @return true if the update was applied now, false if the event had been applied before
     */
    public boolean applyOnce(String collection, Object id, String eventId, Update update) {
        Query notYetApplied = new Query(Criteria.where("_id").is(id).and(APPLIED_EVENTS).ne(eventId));
        try {
            mongo.upsert(notYetApplied, update.push(APPLIED_EVENTS, eventId), collection);
            return true;
        } catch (DuplicateKeyException alreadyApplied) {
            // The document exists and already lists the event, so the upsert tried to insert a second one with the
            // same _id.
            return false;
        }
    }

    /**
     * Inserts a document whose {@code _id} is derived from the event (e.g. event id + recipient).
     *
     * @return true if inserted now, false if it existed already
     */
    public boolean insertOnce(Object document, String collection) {
        try {
            mongo.insert(document, collection);
            return true;
        } catch (DuplicateKeyException alreadyInserted) {
            return false;
        }
    }
}
