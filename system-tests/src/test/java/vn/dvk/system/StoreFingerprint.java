package vn.dvk.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.mongodb.client.MongoClient;
import org.bson.Document;

/**
 * What the services have stored, document by document: a digest of each document of each collection of the given
 * databases, leaving out what changes legitimately while requests are refused.
 *
 * <ul>
 * <li>{@code audit_log}: every refusal of access (and every sign-in) is recorded there, by design;</li>
 * <li>{@code outbox_marks}: the outbox relay's notes of documents with events to publish, removed by its sweep a
 * minute after the events went out — so marks left by the setup disappear while the hostile requests run;</li>
 * <li>a document's {@code outbox} field: events waiting for the relay, removed from the document once published
 * (bookkeeping of the transactional outbox, not data; what the event changed is elsewhere in the document).</li>
 * </ul>
 *
 * Dead letters, consumer offsets and processed-event records are not in MongoDB (dead letters are a Kafka topic, the
 * applied event ids live inside the documents they changed), so nothing else needs leaving out; a replay of a dead
 * letter ({@code dead_letter_replays}) is a change a refused request must not make.
 */
final class StoreFingerprint {

    static final Set<String> IGNORED_COLLECTIONS = Set.of("audit_log", "outbox_marks");
    static final String IGNORED_FIELD = "outbox";

    /** database.collection -> document id -> digest. */
    final Map<String, Map<String, String>> documents;
    /** Documents whose outbox still holds events. */
    final int pendingEvents;

    private StoreFingerprint(Map<String, Map<String, String>> documents, int pendingEvents) {
        this.documents = documents;
        this.pendingEvents = pendingEvents;
    }

    static StoreFingerprint take(MongoClient mongo, List<String> databases) {
        Map<String, Map<String, String>> documents = new TreeMap<>();
        int pending = 0;
        for (String database : databases) {
            for (String collection : mongo.getDatabase(database).listCollectionNames()) {
                if (IGNORED_COLLECTIONS.contains(collection) || collection.startsWith("system.")) {
                    continue;
                }
                Map<String, String> digests = new TreeMap<>();
                for (Document document : mongo.getDatabase(database).getCollection(collection).find()) {
                    Object outbox = document.remove(IGNORED_FIELD);
                    if (outbox instanceof List<?> events && !events.isEmpty()) {
                        pending++;
                    }
                    digests.put(String.valueOf(document.get("_id")), digest(document.toJson()));
                }
                documents.put(database + "." + collection, digests);
            }
        }
        return new StoreFingerprint(documents, pending);
    }

    /** One line per collection that differs: documents added, removed and changed, with a few ids of each. */
    List<String> differencesFrom(StoreFingerprint before) {
        List<String> lines = new ArrayList<>();
        Set<String> collections = new TreeSet<>(before.documents.keySet());
        collections.addAll(documents.keySet());
        for (String collection : collections) {
            Map<String, String> was = before.documents.getOrDefault(collection, Map.of());
            Map<String, String> now = documents.getOrDefault(collection, Map.of());
            List<String> added = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            now.forEach((id, digest) -> {
                String old = was.get(id);
                if (old == null) {
                    added.add(id);
                } else if (!old.equals(digest)) {
                    changed.add(id);
                }
            });
            was.keySet().stream().filter(id -> !now.containsKey(id)).forEach(removed::add);
            if (!added.isEmpty() || !removed.isEmpty() || !changed.isEmpty()) {
                lines.add(collection + ": " + added.size() + " added " + few(added) + ", " + changed.size()
                        + " changed " + few(changed) + ", " + removed.size() + " removed " + few(removed));
            }
        }
        return lines;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoreFingerprint that && documents.equals(that.documents);
    }

    @Override
    public int hashCode() {
        return documents.hashCode();
    }

    int size() {
        return documents.values().stream().mapToInt(Map::size).sum();
    }

    private static String few(List<String> ids) {
        return ids.isEmpty() ? "" : ids.subList(0, Math.min(5, ids.size())).toString();
    }

    private static String digest(String json) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
