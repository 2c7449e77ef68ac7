package vn.dvk.kit.consume;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Follows a topic from now on, in every replica of a service — for in-memory read models that each replica keeps
 * (a consumer group would give each record to only one replica). No group, no committed offsets: {@link #start()}
 * fixes the end of every partition before returning, so a caller that then loads its state from the database misses
 * nothing that happens after the load began. The handler gets each record's key and headers; it must tolerate
 * records it has already seen reflected in the database.
 */
public final class TopicFollower implements AutoCloseable {

    private final TopicReplay replay;
    private final BiConsumer<String, Map<String, String>> handler;

    public TopicFollower(String bootstrapServers, String topic, BiConsumer<String, Map<String, String>> handler) {
        this.replay = new TopicReplay(bootstrapServers, List.of(topic));
        this.handler = handler;
    }

    /**
     * Positions at the end of every partition, then follows in a thread. A topic that does not exist yet holds no
     * record older than the caller's load: it is read from the beginning once it exists.
     */
    public void start() {
        replay.skipToEnd();
        replay.follow(record -> handler.accept(record.key(), record.headers()));
    }

    @Override
    public void close() throws InterruptedException {
        replay.close();
    }
}
