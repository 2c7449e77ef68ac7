package vn.dvk.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * A server that speaks the MongoDB wire protocol (mongo-java-server) over an H2 MVStore file.
 *
 * <p>MVStore normally commits in the background about once a second, so {@code kill -9} could lose the last second of
 * acknowledged writes. Here every write command commits the store before its reply goes out: once the driver sees a
 * write acknowledged, it is in the file (in the OS page cache, which survives the death of this process).
 */
public final class MongoWireServer implements AutoCloseable {

    /** Commands that change data; each is committed to the file before it is acknowledged. */
    private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "drop", "dropdatabase", "create", "renamecollection");

    private final MongoServer server;
    private final H2Backend backend;
    private final String connectionString;

    private MongoWireServer(MongoServer server, H2Backend backend, String connectionString) {
        this.server = server;
        this.backend = backend;
        this.connectionString = connectionString;
    }

    /**
     * Starts a server.
     *
     * @param file the MVStore file, or {@code null} to keep everything in memory (fast tests)
     * @param host address to bind
     * @param port port, 0 for a free one
     */
    public static MongoWireServer start(Path file, String host, int port) {
        H2Backend backend;
        if (file == null) {
            backend = new Backend(new MVStore.Builder().open(), false);
        } else {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // The local stack logs nothing of its parts: a failure in the store's background work goes to stderr.
            backend = new Backend(new MVStore.Builder().fileName(file.toAbsolutePath().toString())
                    .backgroundExceptionHandler((thread, e) -> e.printStackTrace()).open(), true);
        }
        MongoServer server = new MongoServer(backend);
        int actualPort = FreePorts.orFree(port);
        server.bind(host, actualPort);
        return new MongoWireServer(server, backend, "mongodb://" + host + ":" + actualPort);
    }

    /** {@code mongodb://host:port}, without a database name. */
    public String connectionString() {
        return connectionString;
    }

    @Override
    public void close() {
        server.shutdown();
        backend.close();
    }

    /** The H2 backend with indexes ordered by value ({@link ValueOrderedH2}); durable: each write committed. */
    private static final class Backend extends H2Backend {

        private final boolean durable;

        Backend(MVStore store, boolean durable) {
            super(reordered(store));
            this.durable = durable;
        }

        private static MVStore reordered(MVStore store) {
            ValueOrderedH2.reorder(store);
            return store;
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return ValueOrderedH2.database(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            Document reply = super.handleCommand(channel, databaseName, command, query);
            if (durable && WRITE_COMMANDS.contains(command.toLowerCase(java.util.Locale.ROOT))) {
                commit();
            }
            return reply;
        }
    }
}
