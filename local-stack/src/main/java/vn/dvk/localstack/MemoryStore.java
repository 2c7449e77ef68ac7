package vn.dvk.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.ErrorCode;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

/**
 * The MongoDB-wire server's store: mongo-java-server's in-memory backend, made durable by a {@link Journal} of every
 * change, written out before the change is acknowledged; on opening, the journal is read back into memory.
 *
 * <p>It replaced mongo-java-server's H2 backend, which kept documents in an MVStore file: every read deserialised the
 * documents it touched (Java serialisation, about 0.1 ms each) and every write committed the file. With 20,000
 * reminders due at once, notification-service went from 533 to 983 reminders a second on the same machine
 * ({@code bench/results/notification-reminders.md}). Collections answer lookups of many ids through
 * {@link IdInMatcher}.
 */
final class MemoryStore extends AbstractMongoBackend {

    private static final String NAMESPACES = "system.namespaces";
    private static final String INDEXES = "system.indexes";

    /** Null when nothing is kept (fast tests). */
    private final Journal journal;
    /** The journal's documents, taken by each database as it opens; null once the store is open. */
    private Journal.State loading;
    private boolean closed;

    /**
     * The MongoDB version the server says it is, in {@code buildInfo} and (as wire version 21) in {@code hello}: 7.0.
     * mongo-java-server's own {@code MONGO_5_0} says 5.0.0 with wire version 8 (4.2), which the current Node driver
     * and mongosh refuse (they need at least 9, MongoDB 4.4); 7.0 is a version every current driver supports (Java
     * driver 5.x: 4.0 to 8.x). What the server does not do (transactions, change streams, $text, collation, TTL) is
     * not done whatever it claims: see the README's local-stack notes.
     */
    static final MongoVersion VERSION = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(7, 0, 0);
        }

        @Override
        public int getWireVersion() {
            return 21;
        }
    };

    private MemoryStore(Journal journal, Journal.State loading) {
        this.journal = journal;
        this.loading = loading;
        version(VERSION);
    }

    /** A store that keeps nothing once it is closed. */
    static MemoryStore inMemory() {
        return new MemoryStore(null, null);
    }

    /** The store kept in {@code directory}: what its journal holds, and every change from now on. */
    static MemoryStore open(Path directory) {
        Journal.State state = new Journal.State();
        Journal journal = Journal.open(directory, state);
        MemoryStore store = new MemoryStore(journal, state);
        List.copyOf(state.databases.keySet()).forEach(store::resolveDatabase);
        store.loading = null;
        return store;
    }

    /**
     * How the journal tells a collection's documents apart: by their id field ({@code name} for the list of
     * collections, {@code _id} otherwise); the index descriptions have none, and are told apart by their content.
     */
    static Object keyOf(String collection, Document document) {
        if (INDEXES.equals(collection)) {
            return document;
        }
        Object id = document.get(NAMESPACES.equals(collection) ? "name" : "_id");
        return id != null ? id : document;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String name) {
        return new Database(name, getCursorRegistry(), journal,
                loading == null ? null : loading.databases.remove(name));
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document reply = switch (command.toLowerCase(Locale.ROOT)) {
            case "hello" -> hello(channel, databaseName, query);
            case "ismaster" -> helloOk(super.handleCommand(channel, databaseName, command, query), query);
            case "buildinfo" -> buildInfo(super.handleCommand(channel, databaseName, command, query));
            case "getparameter" -> getParameter(query);
            default -> super.handleCommand(channel, databaseName, command, query);
        };
        if (journal != null) {
            journal.flush();
        }
        return reply;
    }

    /**
     * {@code hello} (MongoDB 4.4.2 on), which mongo-java-server does not know: the answer to {@code isMaster} with
     * {@code isWritablePrimary} for {@code ismaster}. Drivers send it once {@code isMaster} said {@code helloOk}.
     */
    private Document hello(Channel channel, String databaseName, Document query) {
        Document isMaster = super.handleCommand(channel, databaseName, "ismaster", query);
        Document reply = new Document();
        for (Map.Entry<String, Object> entry : isMaster.entrySet()) {
            if (entry.getKey().equals("ismaster")) {
                reply.put("isWritablePrimary", entry.getValue());
            } else {
                reply.put(entry.getKey(), entry.getValue());
            }
        }
        reply.put("helloOk", true);
        return reply;
    }

    /** A client that asks with {@code helloOk: true} is told that it may send {@code hello} from now on. */
    private static Document helloOk(Document reply, Document query) {
        if (query.containsKey("helloOk")) {
            reply.put("helloOk", true);
        }
        return reply;
    }

    /** The fields of {@code buildInfo} that mongosh and Compass read besides the version. */
    private static Document buildInfo(Document reply) {
        reply.putIfAbsent("gitVersion", "mongo-java-server");
        reply.putIfAbsent("modules", List.of());
        reply.putIfAbsent("allocator", "system");
        reply.putIfAbsent("javascriptEngine", "none");
        reply.putIfAbsent("bits", 64);
        reply.putIfAbsent("debug", false);
        reply.putIfAbsent("storageEngines", List.of("memory"));
        return reply;
    }

    /**
     * {@code getParameter} (mongosh and Compass ask for {@code featureCompatibilityVersion}): the few parameters a
     * client asks for on connect, or all of them with {@code getParameter: '*'}.
     */
    private static Document getParameter(Document query) {
        Map<String, Object> known = new LinkedHashMap<>();
        known.put("featureCompatibilityVersion", new Document("version", "7.0"));
        known.put("authenticationMechanisms", List.of());
        known.put("requireApiVersion", false);
        known.put("transactionLifetimeLimitSeconds", 60);
        Object which = query.get("getParameter");
        boolean all = "*".equals(which)
                || which instanceof Document options && Boolean.TRUE.equals(options.get("allParameters"));
        Document reply = new Document();
        List<String> asked = new ArrayList<>();
        for (String key : query.keySet()) {
            if (!key.equals("getParameter") && !key.startsWith("$") && !key.equals("lsid")) {
                asked.add(key);
            }
        }
        known.forEach((name, value) -> {
            if (all || asked.contains(name)) {
                reply.put(name, value);
            }
        });
        if (reply.isEmpty()) {
            throw new MongoServerError(ErrorCode.InvalidOptions, "no option found to get");
        }
        reply.put("ok", 1.0);
        return reply;
    }

    @Override
    public void dropDatabase(String database) {
        super.dropDatabase(database);
        if (journal != null) {
            journal.dropDatabase(database);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        super.close();
        if (journal != null) {
            journal.close();
        }
    }

    private static final class Database extends AbstractSynchronizedMongoDatabase<Integer> {

        private final Journal journal;
        /** The journal's collections of this database, taken by each as it opens; null once it is open. */
        private Map<String, Map<Object, Document>> loading;

        Database(String name, CursorRegistry cursors, Journal journal, Map<String, Map<Object, Document>> loading) {
            super(name, cursors);
            this.journal = journal;
            this.loading = loading;
            // Opens the collections its list names, each with its documents, then builds their indexes.
            initializeNamespacesAndIndexes();
            this.loading = null;
        }

        @Override
        protected MongoCollection<Integer> openOrCreateCollection(String name, CollectionOptions options) {
            Collection collection = new Collection(this, name, options, cursorRegistry, journal);
            Map<Object, Document> documents = loading == null ? null : loading.remove(name);
            if (documents != null) {
                collection.load(documents.values());
            }
            return collection;
        }

        @Override
        protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            return new MemoryUniqueIndex(indexName, keys, sparse);
        }

        @Override
        protected long getStorageSize() {
            return 0;
        }

        @Override
        protected long getFileSize() {
            return 0;
        }

        @Override
        public void dropCollection(String collectionName, Oplog oplog) {
            super.dropCollection(collectionName, oplog);
            if (journal != null) {
                journal.dropCollection(getDatabaseName(), collectionName);
            }
        }

        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newName) {
            String oldName = collection.getCollectionName();
            super.moveCollection(oldDatabase, collection, newName);
            if (journal != null) {
                journal.dropCollection(oldDatabase.getDatabaseName(), oldName);
                for (Document document : collection.queryAll()) {
                    journal.put(getDatabaseName(), newName, keyOf(newName, document), document);
                }
            }
        }
    }

    /** The in-memory collection, writing each change of a document to the journal as it makes it. */
    private static final class Collection extends MemoryCollection {

        private final Journal journal;
        private boolean loading;

        Collection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors,
                Journal journal) {
            super(database, name, options, cursors);
            this.journal = journal;
            IdInMatcher.install(this);
        }

        /** Puts back what the journal holds, writing nothing. */
        void load(Iterable<Document> documents) {
            loading = true;
            try {
                documents.forEach(this::addDocument);
            } finally {
                loading = false;
            }
        }

        @Override
        protected Integer addDocumentInternal(Document document) {
            Integer position = super.addDocumentInternal(document);
            written(document);
            return position;
        }

        @Override
        protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
            super.handleUpdate(position, oldDocument, newDocument);
            written(newDocument);
        }

        @Override
        protected void removeDocument(Integer position) {
            Document document = getDocument(position);
            super.removeDocument(position);
            if (journal != null && !loading) {
                journal.remove(getDatabase().getDatabaseName(), getCollectionName(),
                        keyOf(getCollectionName(), document));
            }
        }

        private void written(Document document) {
            if (journal != null && !loading) {
                journal.put(getDatabase().getDatabaseName(), getCollectionName(), keyOf(getCollectionName(),
                        document), document);
            }
        }
    }
}
