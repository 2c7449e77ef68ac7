package vn.dvk.localstack;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * mongo-java-server's H2 backend with its indexes ordered by value.
 *
 * <p>The backend keeps each index in an MVMap whose keys ({@link KeyValue}: the indexed fields' values) are neither
 * of H2's own types nor {@link Comparable}, so H2 compared two keys by Java-serialising both and comparing the bytes:
 * every step of every B-tree search serialised two objects. A profile of 20,000 reminders showed that as 30 % of the
 * local stack's time, for lookups by {@code _id}. Here keys are compared value by value, and stored exactly as
 * before; an index written in the old order is put in the new one once, when the store is opened.
 */
final class ValueOrderedH2 {

    /** Where the store records that its indexes are in value order. */
    private static final String FORMAT_MAP = "dvk.local-stack";
    private static final String INDEX_ORDER = "index-order";
    private static final String BY_VALUE = "by-value";
    /** How mongo-java-server names an index's map: {@code <database>.<collection>._index_<name>}. */
    private static final String INDEX_MAP = "._index_";

    private ValueOrderedH2() {
    }

    /** Opens an index's map with keys in value order. */
    static MVMap<KeyValue, Object> indexMap(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
    }

    /** Puts the indexes of a store written before they were ordered by value into that order (once). */
    static void reorder(MVStore store) {
        MVMap<String, String> format = store.openMap(FORMAT_MAP);
        if (BY_VALUE.equals(format.get(INDEX_ORDER))) {
            return;
        }
        for (String name : store.getMapNames()) {
            if (name.contains(INDEX_MAP)) {
                MVMap<KeyValue, Object> index = indexMap(store, name);
                // Walking the pages needs no comparison, so the entries read back whatever order they were put in.
                List<Map.Entry<KeyValue, Object>> entries = new ArrayList<>(index.entrySet());
                index.clear();
                entries.forEach(e -> index.put(e.getKey(), e.getValue()));
            }
        }
        format.put(INDEX_ORDER, BY_VALUE);
        store.commit();
    }

    /** Opens a database whose unique indexes (every index the backend keeps) are ordered by value. */
    static H2Database database(String name, MVStore store, CursorRegistry cursors) {
        OPENING.set(store);
        try {
            return new Database(name, store, cursors);
        } finally {
            OPENING.remove();
        }
    }

    /**
     * The store of the database being constructed: H2Database's constructor already opens the existing indexes,
     * through the override below, before a field of the subclass could be set.
     */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    private static final class Database extends H2Database {

        private final MVStore store;

        private Database(String name, MVStore store, CursorRegistry cursors) {
            super(name, store, cursors);
            this.store = store;
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            MVStore own = store != null ? store : OPENING.get();
            return new UniqueIndex(indexMap(own, getFullCollectionNamespace(collectionName) + INDEX_MAP
                    + indexName), indexName, keys, sparse);
        }
    }

    /** The backend's unique index over an MVMap, as {@code H2UniqueIndex} does it. */
    private static final class UniqueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(key);
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return map.get(key);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /**
     * Index keys compared value by value: values of the same class by their natural order, values of different
     * classes by class name (so they never tie), and anything not {@link Comparable} as H2 did (by its serialised
     * bytes). Equal keys stay exactly those that were equal before. Stored as H2 stores any object.
     */
    static final class IndexKeyType extends BasicDataType<KeyValue> {

        /** H2's own type for anything: per map, as H2 has it (it remembers the last type it saw). */
        private final ObjectDataType plain = new ObjectDataType();

        @Override
        public int compare(KeyValue a, KeyValue b) {
            int n = Math.min(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                int c = compareValues(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.size(), b.size());
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private int compareValues(Object x, Object y) {
            if (x == y) {
                return 0;
            }
            if (x == null || y == null) {
                return x == null ? -1 : 1;
            }
            if (x.getClass() != y.getClass()) {
                return x.getClass().getName().compareTo(y.getClass().getName());
            }
            if (x instanceof Comparable comparable) {
                return comparable.compareTo(y);
            }
            return plain.compare(x, y);
        }

        @Override
        public int getMemory(KeyValue key) {
            return plain.getMemory(key);
        }

        @Override
        public void write(WriteBuffer buffer, KeyValue key) {
            plain.write(buffer, key);
        }

        @Override
        public KeyValue read(ByteBuffer buffer) {
            return (KeyValue) plain.read(buffer);
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }
}
