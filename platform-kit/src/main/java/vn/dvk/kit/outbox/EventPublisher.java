package vn.dvk.kit.outbox;

/** Sends one event to its topic and returns only once the broker has acknowledged it (acks=all). */
public interface EventPublisher {

    void publish(OutboxEvent event);
}
