package vn.dvk.kit.testing;

import java.util.HashMap;
import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;
import vn.dvk.localstack.LocalStack;

/**
 * One local stack (real Kafka broker, in-memory MongoDB-wire server, SMTP, OpenID Connect provider) per test JVM, on
 * free ports, shared by the integration tests of a module and stopped when the JVM exits.
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
        registry.add("dvk.security.issuer", () -> s.identity().issuer());
        registry.add("dvk.notification.mail.host", () -> "127.0.0.1");
        registry.add("dvk.notification.mail.port", () -> s.mail().smtpPort());
    }

    /**
     * A real access token for a demo user of the local stack's identity provider (password grant of the
     * command-line client), cached per user for the test JVM; tokens live five minutes, tests far less.
     */
    public static synchronized String token(String username) {
        return TOKENS.computeIfAbsent(username, TestStack::requestToken);
    }

    private static final Map<String, String> TOKENS = new HashMap<>();

    private static String requestToken(String username) {
        return Tokens.password(get().identity().tokenEndpoint(), username);
    }
}
