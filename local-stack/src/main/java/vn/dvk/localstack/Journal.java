package vn.dvk.localstack;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The file that makes the MongoDB-wire server's in-memory documents durable: every change of a document (its new
 * content, or its removal) and every dropped collection or database is appended as a record, in the order the
 * collection applied it, and written out before the command that made it is acknowledged. Once the driver sees a
 * write acknowledged it is in the file (in the OS page cache, which survives the death of this process).
 *
 * <p>Each record is its length, a CRC-32 of its bytes, and one BSON document (the wire protocol's own encoding, so
 * every value reads back with the type it was written with). Reading stops at the first record that is cut short or
 * does not match its checksum: the tail a crash interrupted, never acknowledged. When a store is opened the journal
 * is read into the last state of every document and written again as that state alone, so it holds each live
 * document once.
 */
final class Journal implements AutoCloseable {

    static final String FILE = "dvk.journal";
    /** The file of the H2 store this server used before; read once into a new journal, then set aside. */
    static final String OLD_H2_FILE = "dvk.mv.db";

    private static final String OP = "o";
    private static final String PUT = "put";
    private static final String REMOVE = "rm";
    private static final String DROP_COLLECTION = "dropc";
    private static final String DROP_DATABASE = "dropdb";

    /** What a journal holds: database → collection → document key → document, in the order first written. */
    static final class State {
        final Map<String, Map<String, Map<Object, Document>>> databases = new LinkedHashMap<>();

        Map<Object, Document> collection(String database, String collection) {
            return databases.computeIfAbsent(database, d -> new LinkedHashMap<>())
                    .computeIfAbsent(collection, c -> new LinkedHashMap<>());
        }

        private void apply(Document record) {
            String database = (String) record.get("db");
            switch ((String) record.get(OP)) {
                case PUT -> collection(database, (String) record.get("c")).put(record.get("k"),
                        (Document) record.get("d"));
                case REMOVE -> collection(database, (String) record.get("c")).remove(record.get("k"));
                case DROP_COLLECTION -> {
                    Map<String, Map<Object, Document>> collections = databases.get(database);
                    if (collections != null) {
                        collections.remove((String) record.get("c"));
                    }
                }
                case DROP_DATABASE -> databases.remove(database);
                default -> throw new IllegalStateException("unknown journal record " + record.get(OP));
            }
        }
    }

    private final FileChannel file;
    private final ByteBuf pending = Unpooled.buffer(1 << 16);
    private final CRC32 crc = new CRC32();

    private Journal(FileChannel file) {
        this.file = file;
    }

    /**
     * Reads the journal in {@code directory} (or, the first time, the H2 store an older local stack left there),
     * rewrites it as the state it holds, and opens it for appending.
     */
    static Journal open(Path directory, State into) {
        try {
            Files.createDirectories(directory);
            Path path = directory.resolve(FILE);
            Path old = directory.resolve(OLD_H2_FILE);
            if (Files.exists(path)) {
                read(path, into);
            } else if (Files.exists(old)) {
                importH2(old, into);
            }
            Path fresh = directory.resolve(FILE + ".new");
            try (FileChannel out = FileChannel.open(fresh, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                Journal writer = new Journal(out);
                into.databases.forEach((database, collections) -> collections.forEach((collection, documents) ->
                        documents.forEach((key, document) -> {
                            writer.put(database, collection, key, document);
                            if (writer.pending.readableBytes() > 1 << 20) {
                                writer.flush();
                            }
                        })));
                writer.flush();
                out.force(true);
            }
            Files.move(fresh, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (Files.exists(old)) {
                Files.move(old, directory.resolve(OLD_H2_FILE + ".imported"), StandardCopyOption.REPLACE_EXISTING);
            }
            return new Journal(FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the store in " + directory, e);
        }
    }

    private static void read(Path path, State into) throws IOException {
        try (InputStream raw = Files.newInputStream(path);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            CRC32 crc = new CRC32();
            while (true) {
                byte[] bytes;
                long expected;
                try {
                    int length = in.readInt();
                    expected = in.readInt() & 0xFFFFFFFFL;
                    if (length <= 0) {
                        return;
                    }
                    bytes = in.readNBytes(length);
                    if (bytes.length < length) {
                        return;
                    }
                } catch (EOFException end) {
                    return;
                }
                crc.reset();
                crc.update(bytes);
                if (crc.getValue() != expected) {
                    return;
                }
                into.apply(BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes)));
            }
        }
    }

    /**
     * mongo-java-server's H2 backend keeps each collection's documents in a map named {@code databases.<db>.<name>}
     * (its {@code system.namespaces} and {@code system.indexes} too): those documents are all there is to carry over.
     */
    private static void importH2(Path old, State into) {
        MVStore store = new MVStore.Builder().fileName(old.toString()).readOnly().open();
        try {
            for (String name : store.getMapNames()) {
                if (!name.startsWith("databases.") || name.indexOf('.', "databases.".length()) < 0) {
                    continue;
                }
                String namespace = name.substring("databases.".length());
                String database = namespace.substring(0, namespace.indexOf('.'));
                String collection = namespace.substring(database.length() + 1);
                MVMap<Object, Document> documents = store.openMap(name);
                Map<Object, Document> target = into.collection(database, collection);
                for (Document document : documents.values()) {
                    target.put(MemoryStore.keyOf(collection, document), document);
                }
            }
        } finally {
            store.close();
        }
    }

    /** A document's content from now on; {@code key} is its id (see {@link MemoryStore#keyOf}). */
    synchronized void put(String database, String collection, Object key, Document document) {
        Document record = new Document(OP, PUT).append("db", database).append("c", collection);
        record.put("k", key);
        record.put("d", document);
        append(record);
    }

    synchronized void remove(String database, String collection, Object key) {
        Document record = new Document(OP, REMOVE).append("db", database).append("c", collection);
        record.put("k", key);
        append(record);
    }

    synchronized void dropCollection(String database, String collection) {
        append(new Document(OP, DROP_COLLECTION).append("db", database).append("c", collection));
    }

    synchronized void dropDatabase(String database) {
        append(new Document(OP, DROP_DATABASE).append("db", database));
    }

    private void append(Document record) {
        int start = pending.writerIndex();
        pending.writeInt(0).writeInt(0);
        BsonEncoder.encodeDocument(record, pending);
        int length = pending.writerIndex() - start - 8;
        crc.reset();
        crc.update(pending.nioBuffer(start + 8, length));
        pending.setInt(start, length).setInt(start + 4, (int) crc.getValue());
    }

    /** Writes out what was appended; called before a write command is acknowledged. */
    synchronized void flush() {
        if (!pending.isReadable()) {
            return;
        }
        try {
            ByteBuffer bytes = pending.nioBuffer();
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the store's journal", e);
        }
        pending.clear();
        if (pending.capacity() > 1 << 24) {
            pending.capacity(1 << 16);
        }
    }

    @Override
    public synchronized void close() {
        try {
            flush();
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
