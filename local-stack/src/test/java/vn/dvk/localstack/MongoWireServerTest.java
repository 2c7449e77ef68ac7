package vn.dvk.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * The MongoWireServer's store: what it acknowledged read back after a restart with every value's type, a crash's
 * cut-off record ignored, the H2 store of an older local stack carried over, and lookups of many ids answered right.
 */
class MongoWireServerTest {

    private static final Document NEW = new Document("_id", "new").append("email", "moi@dvk.vn")
            .append("name", "Phường Ngọc Hà").append("at", new java.util.Date(1_795_000_000_000L))
            .append("count", 3_000_000_000L).append("ratio", 0.75).append("done", true).append("none", null)
            .append("log", List.of(new Document("ok", false).append("error", "Lỗi kết nối"), "P7D", 7));

    @Test
    void carriesOverWhatTheH2BackendOfAnOlderLocalStackStored() throws Exception {
        Path directory = Files.createTempDirectory("dvk-mongo-");
        H2Backend stock = new H2Backend(directory.resolve(Journal.OLD_H2_FILE).toString());
        MongoServer old = new MongoServer(stock);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + old.bind().getPort())) {
            MongoCollection<Document> units = client.getDatabase("dvk").getCollection("units");
            units.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                docs.add(new Document("_id", "u" + (i * 7 % 2_000)).append("email", "can-bo-" + i + "@dvk.vn")
                        .append("n", i));
            }
            units.insertMany(docs);
            client.getDatabase("dvk").getCollection("empty").insertOne(new Document("_id", 1));
            client.getDatabase("dvk").getCollection("empty").deleteOne(Filters.eq("_id", 1));
        }
        old.shutdown();
        stock.close();

        try (MongoWireServer server = MongoWireServer.start(directory, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> units = client.getDatabase("dvk").getCollection("units");
            for (int i = 0; i < 2_000; i += 37) {
                Document found = units.find(Filters.eq("_id", "u" + (i * 7 % 2_000))).first();
                assertThat(found).as("found by _id").isNotNull();
                assertThat(found.getInteger("n")).isEqualTo(i);
                assertThat(units.find(Filters.eq("email", "can-bo-" + i + "@dvk.vn")).first()).isNotNull();
            }
            assertThatThrownBy(() -> units.insertOne(new Document("_id", "u7").append("email", "x@dvk.vn")))
                    .as("the _id index still refuses a duplicate").isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> units.insertOne(new Document("_id", "new").append("email", "can-bo-5@dvk.vn")))
                    .as("and so does the unique index on e-mail").isInstanceOf(MongoWriteException.class);
            assertThat(client.getDatabase("dvk").listCollectionNames()).contains("units", "empty");
            units.insertOne(NEW);
            assertThat(units.countDocuments()).isEqualTo(2_001);
        }
        assertThat(directory.resolve(Journal.OLD_H2_FILE)).as("set aside, not read again").doesNotExist();
        try (MongoWireServer server = MongoWireServer.start(directory, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> units = client.getDatabase("dvk").getCollection("units");
            assertThat(units.find(Filters.eq("_id", "new")).first()).as("read back as it was").isEqualTo(NEW);
            assertThat(units.countDocuments()).isEqualTo(2_001);
            assertThatThrownBy(() -> units.insertOne(new Document("_id", "new2").append("email", "moi@dvk.vn")))
                    .as("indexes rebuilt from the journal").isInstanceOf(MongoWriteException.class);
        }
    }

    @Test
    void keepsUpdatesRemovalsAndDropsAndIgnoresARecordACrashCutShort() throws Exception {
        Path directory = Files.createTempDirectory("dvk-mongo-");
        ObjectId generated;
        try (MongoWireServer server = MongoWireServer.start(directory, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> models = client.getDatabase("registration").getCollection("models");
            models.insertMany(List.of(new Document("_id", "m1").append("title", "Dân vận khéo"),
                    new Document("_id", "m2").append("title", "Mô hình hai"),
                    new Document("_id", "m3").append("title", "Mô hình ba")));
            models.updateOne(Filters.eq("_id", "m1"), Updates.set("title", "Dân vận khéo — đã sửa"));
            models.deleteOne(Filters.eq("_id", "m2"));
            Document withoutId = new Document("note", "ObjectId made by the server");
            client.getDatabase("registration").getCollection("notes").insertOne(withoutId);
            generated = withoutId.getObjectId("_id");
            client.getDatabase("registration").getCollection("scratch").insertOne(new Document("_id", "x"));
            client.getDatabase("registration").getCollection("scratch").drop();
            client.getDatabase("gone").getCollection("any").insertOne(new Document("_id", "y"));
            client.getDatabase("gone").drop();
        }
        // A crash while a record was being written leaves its first bytes, which were never acknowledged.
        Files.write(directory.resolve(Journal.FILE), new byte[] {0, 0, 1, 0, 7, 7, 7, 7, 42},
                StandardOpenOption.APPEND);

        try (MongoWireServer server = MongoWireServer.start(directory, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> models = client.getDatabase("registration").getCollection("models");
            assertThat(models.find().sort(new Document("_id", 1)).map(d -> d.getString("title")).into(new ArrayList<>()))
                    .containsExactly("Dân vận khéo — đã sửa", "Mô hình ba");
            assertThat(client.getDatabase("registration").getCollection("notes").find(Filters.eq("_id", generated))
                    .first()).as("found by the id the server gave it").isNotNull();
            assertThat(client.getDatabase("registration").listCollectionNames()).doesNotContain("scratch");
            assertThat(client.listDatabaseNames()).doesNotContain("gone");
            models.insertOne(new Document("_id", "m4").append("title", "Sau khi khởi động lại"));
        }
        try (MongoWireServer server = MongoWireServer.start(directory, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(server.connectionString())) {
            assertThat(client.getDatabase("registration").getCollection("models").countDocuments())
                    .as("what came after the cut-off record is kept too").isEqualTo(3);
        }
    }

    @Test
    void answersLookupsOfManyIdsAsTheServerDoes() {
        try (MongoWireServer server = MongoWireServer.start(null, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("lookup").getCollection("docs");
            ObjectId objectId = new ObjectId();
            docs.insertMany(List.of(new Document("_id", "a"), new Document("_id", "b"), new Document("_id", 3),
                    new Document("_id", objectId), new Document("_id", new Document("unit", "00004"))));
            assertThat(ids(docs, Filters.in("_id", "a", "c", objectId))).containsExactlyInAnyOrder("a", objectId);
            assertThat(ids(docs, Filters.in("_id", 3L, "b"))).as("numbers compared by value")
                    .containsExactlyInAnyOrder(3, "b");
            assertThat(ids(docs, Filters.in("_id", new Document("unit", "00004"))))
                    .containsExactly(new Document("unit", "00004"));
            docs.updateMany(Filters.in("_id", "a", "b", "zz"), Updates.set("seen", true));
            assertThat(ids(docs, Filters.eq("seen", true))).containsExactlyInAnyOrder("a", "b");
        }
    }

    private static List<Object> ids(MongoCollection<Document> docs, org.bson.conversions.Bson filter) {
        return docs.find(filter).map(d -> d.get("_id")).into(new ArrayList<>());
    }

    @Test
    void answersTheHandshakeOfCurrentDriversAsMongoDb7() {
        try (MongoWireServer server = MongoWireServer.start(null, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(server.connectionString())) {
            com.mongodb.client.MongoDatabase admin = client.getDatabase("admin");
            Document hello = admin.runCommand(new Document("hello", 1));
            assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
            assertThat(hello.getBoolean("helloOk")).isTrue();
            assertThat(hello.getInteger("maxWireVersion")).as("the Node driver and mongosh need 9 (4.4) or more")
                    .isGreaterThanOrEqualTo(9).isEqualTo(21);
            Document isMaster = admin.runCommand(new Document("isMaster", 1).append("helloOk", true));
            assertThat(isMaster.getBoolean("ismaster")).isTrue();
            assertThat(isMaster.getBoolean("helloOk")).as("tells the driver it may switch to hello").isTrue();
            Document buildInfo = admin.runCommand(new Document("buildInfo", 1));
            assertThat(buildInfo.getString("version")).as("consistent with wire version 21").isEqualTo("7.0.0");
            assertThat(buildInfo.getList("versionArray", Integer.class)).startsWith(7, 0, 0);
            assertThat(buildInfo.getList("modules", Object.class)).isEmpty();
            Document fcv = admin.runCommand(new Document("getParameter", 1).append("featureCompatibilityVersion", 1));
            assertThat(fcv.get("featureCompatibilityVersion", Document.class).getString("version")).isEqualTo("7.0");
            assertThatThrownBy(() -> admin.runCommand(new Document("getParameter", 1).append("noSuchParameter", 1)))
                    .isInstanceOf(com.mongodb.MongoCommandException.class);
            assertThat(admin.runCommand(new Document("ping", 1)).get("ok")).isEqualTo(1.0);
            assertThat(admin.runCommand(new Document("getLog", "startupWarnings")).get("ok")).isEqualTo(1.0);

            MongoCollection<Document> units = client.getDatabase("dvk").getCollection("units");
            units.insertOne(new Document("_id", "u1").append("name", "Phường Ngọc Hà"));
            assertThat(units.find(Filters.eq("_id", "u1")).first()).isNotNull();
        }
    }
}
