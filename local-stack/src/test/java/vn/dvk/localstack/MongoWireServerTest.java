package vn.dvk.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The MongoWireServer's store: indexes ordered by value, and what was stored before still found. */
class MongoWireServerTest {

    private static final Document NEW = new Document("_id", "new").append("email", "moi@dvk.vn")
            .append("name", "Phường Ngọc Hà").append("at", new java.util.Date(1_795_000_000_000L))
            .append("count", 3_000_000_000L).append("ratio", 0.75).append("done", true).append("none", null)
            .append("log", List.of(new Document("ok", false).append("error", "Lỗi kết nối"), "P7D", 7));

    @Test
    void findsAndStillGuardsWhatTheStockBackendWrote() throws Exception {
        Path file = Files.createTempDirectory("dvk-mongo-").resolve("dvk.mv.db");
        // Written by mongo-java-server's own H2 backend, whose indexes are in the order of serialised bytes.
        H2Backend stock = new H2Backend(file.toString());
        MongoServer old = new MongoServer(stock);
        String oldAddress = "mongodb://127.0.0.1:" + old.bind().getPort();
        try (MongoClient client = MongoClients.create(oldAddress)) {
            MongoCollection<Document> units = client.getDatabase("dvk").getCollection("units");
            units.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                docs.add(new Document("_id", "u" + (i * 7 % 2_000)).append("email",
                        "can-bo-" + i + "@dvk.vn").append("n", i));
            }
            units.insertMany(docs);
        }
        old.shutdown();
        stock.close();

        try (MongoWireServer server = MongoWireServer.start(file, "127.0.0.1", 0);
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
            units.insertOne(NEW);
            assertThat(units.countDocuments()).isEqualTo(2_001);
        }
        // Once reordered, a clean restart keeps it so.
        try (MongoWireServer server = MongoWireServer.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(server.connectionString())) {
            assertThat(client.getDatabase("dvk").getCollection("units").find(Filters.eq("_id", "new")).first())
                    .as("read back as it was").isEqualTo(NEW);
        }
    }
}
