package vn.dvk.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local stack for people: fixed ports, overridable by environment variables (Kafka 9092, MongoDB 27017,
 * SMTP 2525, mail listing 8025, OpenID Connect provider 9000), data under {@code ./var/data}.
 * Prints a line starting with {@code LOCAL-STACK READY} once every part accepts connections.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String host = env("DVK_BIND_HOST", "127.0.0.1");
        Path dataDir = Path.of(env("DVK_DATA_DIR", "var/data"));
        long started = System.nanoTime();
        LocalStack stack = LocalStack.builder()
                .host(host)
                .dataDir(dataDir)
                .kafkaPort(Integer.parseInt(env("KAFKA_PORT", "9092")))
                .kafkaControllerPort(Integer.parseInt(env("KAFKA_CONTROLLER_PORT", "9093")))
                .mongoPort(Integer.parseInt(env("MONGO_PORT", "27017")))
                .smtpPort(Integer.parseInt(env("SMTP_PORT", "2525")))
                .mailHttpPort(Integer.parseInt(env("MAIL_HTTP_PORT", "8025")))
                .identityPort(Integer.parseInt(env("IDP_PORT", "9000")))
                .identityIssuer(System.getenv("OIDC_ISSUER"))
                .webOrigins(java.util.Arrays.stream(env("DVK_WEB_ORIGINS", "").split(",")).map(String::strip)
                        .filter(o -> !o.isEmpty()).toList())
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("LOCAL-STACK stopping");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        System.out.printf("LOCAL-STACK READY in %d ms: kafka=%s mongodb=%s smtp=%s:%d mail-list=http://%s:%d/messages"
                        + " oidc-issuer=%s%n",
                (System.nanoTime() - started) / 1_000_000, stack.kafkaBootstrapServers(), stack.mongoConnectionString(),
                host, stack.mail().smtpPort(), host, stack.mail().httpPort(), stack.identity().issuer());
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
