package vn.dvk.kit.testing;

import org.springframework.test.context.DynamicPropertyRegistry;
import vn.dvk.localstack.LocalStack;

/**
 * One local stack (real Kafka broker, in-memory MongoDB-wire server, SMTP) per test JVM, on free ports, shared by
 * the integration tests of a module and stopped when the JVM exits.
 */
public final class TestStack {

    private static LocalStack stack;

    private TestStack() {
    }

    public static synchronized LocalStack get() {
        if (stack == null) {
            stack = LocalStack.builder().start();
            LocalStack started = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-stack-shutdown"));
        }
        return stack;
    }

    /** Points a Spring Boot service under test at the shared stack, with its own database. */
    public static void register(DynamicPropertyRegistry registry, String database) {
        LocalStack s = get();
        registry.add("spring.mongodb.uri", () -> s.mongoUri(database));
        registry.add("spring.cloud.stream.kafka.binder.brokers", s::kafkaBootstrapServers);
        registry.add("dvk.outbox.poll-interval", () -> "PT0.2S");
    }
}
