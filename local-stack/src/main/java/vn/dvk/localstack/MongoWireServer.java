package vn.dvk.localstack;

import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;

/**
 * A server that speaks the MongoDB wire protocol (mongo-java-server) over a {@link MemoryStore}: documents in memory,
 * every change written to a journal file before it is acknowledged, so {@code kill -9} loses no acknowledged write.
 */
public final class MongoWireServer implements AutoCloseable {

    private final MongoServer server;
    private final MemoryStore store;
    private final String connectionString;

    private MongoWireServer(MongoServer server, MemoryStore store, String connectionString) {
        this.server = server;
        this.store = store;
        this.connectionString = connectionString;
    }

    /**
     * Starts a server.
     *
     * @param directory where the store keeps its journal, or {@code null} to keep everything in memory (fast tests)
     * @param host      address to bind
     * @param port      port, 0 for a free one
     */
    public static MongoWireServer start(Path directory, String host, int port) {
        MemoryStore store = directory == null ? MemoryStore.inMemory() : MemoryStore.open(directory);
        MongoServer server = new MongoServer(store);
        int actualPort = FreePorts.orFree(port);
        server.bind(host, actualPort);
        return new MongoWireServer(server, store, "mongodb://" + host + ":" + actualPort);
    }

    /** {@code mongodb://host:port}, without a database name. */
    public String connectionString() {
        return connectionString;
    }

    @Override
    public void close() {
        server.shutdown();
        store.close();
    }
}
