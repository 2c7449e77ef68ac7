package vn.dvk.kit.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import vn.dvk.kit.testing.TestStack;

/** Against the MongoDB-wire server: the same event applied many times, concurrently, has its effect once. */
class IdempotentWritesIT {

    private static MongoClient client;
    private static MongoTemplate mongo;
    private static IdempotentWrites writes;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestStack.get().mongoConnectionString());
        mongo = new MongoTemplate(client, "kit-idempotency");
        writes = new IdempotentWrites(mongo);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void aCounterIncrementedByOneEventDeliveredTwentyTimesConcurrentlyMovesByOne() throws Exception {
        List<Boolean> applied = concurrently(20,
                () -> writes.applyOnce("counters", "unit-00004", "event-1", new Update().inc("registered", 1)));
        assertThat(applied).containsOnlyOnce(true);
        assertThat(mongo.findById("unit-00004", Document.class, "counters").getInteger("registered")).isEqualTo(1);

        writes.applyOnce("counters", "unit-00004", "event-2", new Update().inc("registered", 1));
        writes.applyOnce("counters", "unit-00004", "event-1", new Update().inc("registered", 1));
        assertThat(mongo.findById("unit-00004", Document.class, "counters").getInteger("registered")).isEqualTo(2);
    }

    @Test
    void tenDifferentEventsAppliedConcurrentlyToOneDocumentAllCountAndNoneIsLost() throws Exception {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Boolean> applied = concurrently(10, () -> writes.applyOnce("counters", "unit-00008",
                "event-" + next.incrementAndGet(), new Update().inc("registered", 1)));
        assertThat(applied).containsOnly(true);
        Document counter = mongo.findById("unit-00008", Document.class, "counters");
        assertThat(counter.getInteger("registered")).isEqualTo(10);
        assertThat(counter.getList(IdempotentWrites.APPLIED_EVENTS, String.class)).hasSize(10);
    }

    @Test
    void aDocumentWrittenBeforeEventsWereCountedStillTakesEachEventOnce() {
        mongo.insert(new Document("_id", "unit-00025").append("registered", 5)
                .append(IdempotentWrites.APPLIED_EVENTS, List.of("old-event")), "counters");
        assertThat(writes.applyOnce("counters", "unit-00025", "old-event", new Update().inc("registered", 1)))
                .isFalse();
        assertThat(writes.applyOnce("counters", "unit-00025", "new-event", new Update().inc("registered", 1)))
                .isTrue();
        assertThat(writes.applyOnce("counters", "unit-00025", "new-event", new Update().inc("registered", 1)))
                .isFalse();
        assertThat(mongo.findById("unit-00025", Document.class, "counters").getInteger("registered")).isEqualTo(6);
    }

    @Test
    void aBulkInsertTellsWhichDocumentsItInsertedAndLeavesThoseAlreadyThereAsTheyAre() {
        mongo.insert(new Document("_id", "delivery-2").append("status", "SENT"), "bulk");
        List<Document> batch = List.of(new Document("_id", "delivery-1").append("status", "PENDING"),
                new Document("_id", "delivery-2").append("status", "PENDING"),
                new Document("_id", "delivery-3").append("status", "PENDING"));
        assertThat(writes.insertNew(batch, "bulk")).extracting(d -> d.get("_id"))
                .containsExactly("delivery-1", "delivery-3");
        assertThat(mongo.findById("delivery-2", Document.class, "bulk").getString("status")).isEqualTo("SENT");
        assertThat(writes.insertNew(batch, "bulk")).as("all there now").isEmpty();
        assertThat(writes.insertAllOnce(List.of(new Document("_id", "delivery-4")), "bulk")).isEqualTo(1);
    }

    @Test
    void aDocumentKeyedByTheEventIsInsertedOnceHoweverOftenItIsDelivered() throws Exception {
        List<Boolean> inserted = concurrently(10, () -> writes.insertOnce(
                new Document("_id", "event-9:unit:00004").append("subject", "Đã nhận đăng ký"), "inbox"));
        assertThat(inserted).containsOnlyOnce(true);
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), "inbox")).isEqualTo(1);
    }

    private static <T> List<T> concurrently(int times, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(times);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
