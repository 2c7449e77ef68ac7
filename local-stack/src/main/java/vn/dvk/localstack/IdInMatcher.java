package vn.dvk.localstack;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * Answers {@code {_id: {$in: [...]}}} by looking each document's {@code _id} up in a set.
 *
 * <p>mongo-java-server finds the candidates of such a query through the {@code _id} index, then checks every candidate
 * against the whole query, and its {@code $in} check compares the document's value with each value of the list,
 * normalising both each time: a lookup of 500 ids made 250,000 comparisons. A profile of 20,000 reminders put a
 * third of the local stack's time there. Only lists of strings and ObjectIds, which normalise to themselves, take
 * this path, so it answers exactly as the server's own matcher does (equal when {@code equals}); any other query
 * goes to that matcher.
 */
final class IdInMatcher {

    private static final String ID = "_id";
    private static final String IN = "$in";

    /** The ids of the last query seen: a query is matched against each of its candidates in turn. */
    private record Memo(Document query, Set<Object> ids) {
    }

    private volatile Memo last;

    /**
     * Whether the document matches the query, or {@code null} when the query is not an {@code _id $in} of strings
     * and ObjectIds (the caller then asks the server's matcher).
     */
    Boolean matches(Document document, Document query) {
        Set<Object> ids = idsOf(query);
        if (ids == null) {
            return null;
        }
        Object id = document.get(ID);
        if (id instanceof Collection<?>) {
            return null;
        }
        return ids.contains(id);
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
