package vn.dvk.localstack;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * mongo-java-server's query matcher, answering {@code {_id: {$in: [...]}}} by looking each document's {@code _id} up
 * in a set.
 *
 * <p>The server finds the candidates of such a query through the {@code _id} index, then checks every candidate
 * against the whole query (and, in an update, again for the positional operator), and its {@code $in} check compares
 * the document's value with each value of the list, normalising both each time: a lookup or update of 500 ids made
 * 250,000 comparisons. Profiles of 20,000 and 30,000 reminders put a third of the local stack's time there. Only
 * lists of strings and ObjectIds, which normalise to themselves, take this path, so it answers exactly as the
 * server's own matcher does (equal when {@code equals}; no array position, as {@code _id} is never an array); any
 * other query goes to that matcher.
 */
final class IdInMatcher extends DefaultQueryMatcher {

    private static final String ID = "_id";
    private static final String IN = "$in";
    private static final Field MATCHER;

    static {
        try {
            MATCHER = AbstractMongoCollection.class.getDeclaredField("matcher");
            MATCHER.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The ids of the last query seen: a query is matched against each of its candidates in turn. */
    private record Memo(Document query, Set<Object> ids) {
    }

    private volatile Memo last;

    private IdInMatcher() {
    }

    /** Gives a collection this matcher in place of the one it made (a private field, set once at construction). */
    static void install(AbstractMongoCollection<?> collection) {
        try {
            MATCHER.set(collection, new IdInMatcher());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot give " + collection + " its matcher", e);
        }
    }

    @Override
    public boolean matches(Document document, Document query) {
        Set<Object> ids = idsOf(query);
        Object id = document.get(ID);
        if (ids == null || id instanceof Collection<?>) {
            return super.matches(document, query);
        }
        return ids.contains(id);
    }

    @Override
    public Integer matchPosition(Document document, Document query) {
        if (idsOf(query) == null || document.get(ID) instanceof Collection<?>) {
            return super.matchPosition(document, query);
        }
        return null;
    }

    private Set<Object> idsOf(Document query) {
        Memo memo = last;
        if (memo != null && memo.query() == query) {
            return memo.ids();
        }
        Set<Object> ids = parse(query);
        last = new Memo(query, ids);
        return ids;
    }

    private static Set<Object> parse(Document query) {
        if (query.size() != 1 || !(query.get(ID) instanceof Document condition) || condition.size() != 1
                || !(condition.get(IN) instanceof Collection<?> values)) {
            return null;
        }
        Set<Object> ids = new HashSet<>(values.size() * 2);
        for (Object value : values) {
            if (!(value instanceof String) && !(value instanceof ObjectId)) {
                return null;
            }
            ids.add(value);
        }
        return ids;
    }
}
