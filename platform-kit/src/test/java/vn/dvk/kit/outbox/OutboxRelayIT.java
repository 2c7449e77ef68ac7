package vn.dvk.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.dvk.kit.testing.TestStack;

/**
 * Against the MongoDB-wire server: events left behind by a process that died after its save are found through the
 * marks, by id, and published once; a mark outlives its events only while a save may still be on its way.
 */
class OutboxRelayIT {

    private static MongoClient client;
    private static MongoTemplate mongo;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestStack.get().mongoConnectionString());
        mongo = new MongoTemplate(client, "kit-outbox");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    private static Document aggregate(String id, String eventId) {
        Document event = new Document("eventId", eventId).append("topic", "test-events").append("type", "vn.dvk.test.v1")
                .append("subject", id).append("time", new Date()).append("data", "{}");
        return new Document("_id", id).append(HasOutbox.FIELD, List.of(event));
    }

    @Test
    void aSweepPublishesWhatADeadProcessLeftThroughItsMarkAndDropsTheMarkOnceQuiet() {
        List<OutboxEvent> published = new CopyOnWriteArrayList<>();
        OutboxRelay relay = new OutboxRelay(mongo, List.of("things"), published::add, Duration.ofSeconds(1),
                Duration.ofSeconds(30), OutboxRelay.CrashPoint.NONE);
        // A process marked and saved, then died before relaying: only the mark and the document remain.
        relay.mark("things", "thing-1");
        mongo.insert(aggregate("thing-1", "event-1"), "things");
        // A document written without a mark is not the sweep's business: it never scans the collection.
        mongo.insert(aggregate("thing-unmarked", "event-unmarked"), "things");

        assertThat(relay.relayMarked()).isEqualTo(1);
        assertThat(published).extracting(OutboxEvent::eventId).containsExactly("event-1");
        assertThat(mongo.findById("thing-1", Document.class, "things").getList(HasOutbox.FIELD, Document.class))
                .isEmpty();
        assertThat(mongo.findById("things/thing-1", Document.class, OutboxRelay.MARKS))
                .as("a young mark stays: a save may be on its way").isNotNull();

        // Once older than the quiet period, the mark of a document with nothing pending goes; nothing is sent twice.
        mongo.updateFirst(new Query(Criteria.where("_id").is("things/thing-1")), new Update().set("at",
                new Date(System.currentTimeMillis() - OutboxRelay.MARK_QUIET.toMillis() - 1000)), OutboxRelay.MARKS);
        assertThat(relay.relayMarked()).isZero();
        assertThat(mongo.findById("things/thing-1", Document.class, OutboxRelay.MARKS)).isNull();
        assertThat(published).hasSize(1);

        // The scan at start finds what was saved before marks existed.
        assertThat(relay.relayPending()).isEqualTo(1);
        assertThat(published).extracting(OutboxEvent::eventId).containsExactly("event-1", "event-unmarked");
    }

    private static Document sequenced(String id, String eventId, long sequence) {
        return new Document("eventId", eventId).append("topic", "test-events").append("type", "vn.dvk.test.v1")
                .append("subject", id).append("time", new Date()).append("data", "{}").append("sequence", sequence);
    }

    @Test
    void pendingEventsLeaveInSequenceOrderAndOneSavedBackAfterItWasPublishedIsDroppedNotSentAgain() {
        List<OutboxEvent> published = new CopyOnWriteArrayList<>();
        OutboxRelay relay = new OutboxRelay(mongo, List.of("ordered"), published::add, Duration.ofSeconds(1),
                Duration.ofSeconds(30), OutboxRelay.CrashPoint.NONE);
        // Appended in one order, stored (say, by an older writer) in another: the sequence decides.
        mongo.insert(new Document("_id", "o-1").append(HasOutbox.FIELD,
                List.of(sequenced("o-1", "e-2", 2_000_000), sequenced("o-1", "e-1", 1_000_000))), "ordered");
        assertThat(relay.relayPending()).isEqualTo(2);
        assertThat(published).extracting(OutboxEvent::eventId).containsExactly("e-1", "e-2");
        assertThat(mongo.findById("ordered/o-1", Document.class, OutboxRelay.SENT).get("sequence", Number.class)
                .longValue()).isEqualTo(2_000_000);

        // A feature loaded the document while e-2 was pending and saves it back, whole, with its own new e-3.
        mongo.save(new Document("_id", "o-1").append(HasOutbox.FIELD,
                List.of(sequenced("o-1", "e-2", 2_000_000), sequenced("o-1", "e-3", 3_000_000))), "ordered");
        assertThat(relay.relayPending()).isEqualTo(1);
        assertThat(published).extracting(OutboxEvent::eventId).containsExactly("e-1", "e-2", "e-3");
        assertThat(mongo.findById("o-1", Document.class, "ordered").getList(HasOutbox.FIELD, Document.class))
                .as("the resurrected event is removed too").isEmpty();
        assertThat(published).extracting(OutboxEvent::sequence).containsExactly(1_000_000L, 2_000_000L, 3_000_000L);
    }
}
