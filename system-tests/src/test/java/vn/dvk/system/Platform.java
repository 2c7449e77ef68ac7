package vn.dvk.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import vn.dvk.localstack.FreePorts;
import vn.dvk.kit.testing.Tokens;
import vn.dvk.localstack.LocalStack;

/**
 * The whole platform as people run it: the local stack plus each service as its own JVM process started from its
 * built jar, on free ports. Services can be stopped, killed and restarted one by one.
 */
final class Platform implements AutoCloseable {

    enum Service {
        REGISTRATION("registration-service", "REGISTRATION_PORT"),
        EVALUATION("evaluation-service", "EVALUATION_PORT"),
        NOTIFICATION("notification-service", "NOTIFICATION_PORT"),
        GATEWAY("gateway", "GATEWAY_PORT");

        final String module;
        final String portVariable;

        Service(String module, String portVariable) {
            this.module = module;
            this.portVariable = portVariable;
        }
    }

    private static final Path ROOT = Path.of(System.getProperty("dvk.root", "..")).toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("dvk.version", "0.1.0-SNAPSHOT");

    private final LocalStack stack;
    private final Path logDir;
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final Map<Service, Process> processes = new EnumMap<>(Service.class);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Platform(Path dataDir) throws IOException {
        for (Service s : Service.values()) {
            ports.put(s, FreePorts.free());
        }
        // The identity provider returns browsers to exactly this gateway, as it would to a configured one.
        this.stack = LocalStack.builder().dataDir(dataDir).webOrigins(List.of(url(Service.GATEWAY))).start();
        this.logDir = Files.createDirectories(ROOT.resolve("system-tests/target/platform-logs"));
    }

    LocalStack stack() {
        return stack;
    }

    /** A real access token for a demo user, e.g. {@code officer.00004}. */
    String token(String username) {
        return tokens.computeIfAbsent(username, u -> Tokens.password(stack.identity().tokenEndpoint(), u));
    }

    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    String url(Service service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** Starts the services (with extra environment variables) without waiting. */
    void start(Service service, Map<String, String> extraEnv) {
        Path jar = ROOT.resolve(service.module).resolve("target").resolve(service.module + "-" + VERSION + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the services first: missing " + jar);
        }
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xss512k", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(service.module + ".log").toFile()));
        Map<String, String> env = builder.environment();
        for (Service s : Service.values()) {
            env.put(s.portVariable, String.valueOf(ports.get(s)));
        }
        env.put("REGISTRATION_URL", url(Service.REGISTRATION));
        env.put("EVALUATION_URL", url(Service.EVALUATION));
        env.put("NOTIFICATION_URL", url(Service.NOTIFICATION));
        stackEnvironment(env, service);
        env.putAll(extraEnv);
        try {
            processes.put(service, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts one more replica of a service (its own port and log), sharing everything else with the first; it stops
     * with the platform.
     */
    Process startReplica(Service service, String name) {
        int port = FreePorts.free();
        Path jar = ROOT.resolve(service.module).resolve("target").resolve(service.module + "-" + VERSION + ".jar");
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xss512k", "-jar", jar.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(name + ".log").toFile()));
        Map<String, String> env = builder.environment();
        env.put(service.portVariable, String.valueOf(port));
        stackEnvironment(env, service);
        try {
            Process process = builder.start();
            replicas.add(process);
            awaitHealthy(name, "http://127.0.0.1:" + port, process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final List<Process> replicas = new ArrayList<>();

    /** Where a service finds the local stack, and the short timings that keep the tests quick. */
    private void stackEnvironment(Map<String, String> env, Service service) {
        env.put("KAFKA_BOOTSTRAP", stack.kafkaBootstrapServers());
        env.put("MONGODB_URI", stack.mongoUri(service.module.replace("-service", "")));
        env.put("OIDC_ISSUER", stack.identity().issuer());
        env.put("SMTP_PORT", String.valueOf(stack.mail().smtpPort()));
        env.put("DVK_OUTBOX_POLL_INTERVAL", "PT0.5S");
        // A notification replica that dies hands its work over to the others after this.
        env.put("DVK_NOTIFICATION_LEASE", "PT5S");
    }

    void startAll() {
        for (Service s : Service.values()) {
            start(s, Map.of());
        }
        for (Service s : Service.values()) {
            awaitHealthy(s);
        }
    }

    void awaitHealthy(Service service) {
        awaitHealthy(service.module, url(service), processes.get(service));
    }

    private void awaitHealthy(String name, String url, Process process) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue()
                        + "; see " + logDir.resolve(name + ".log"));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create(url + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"")) {
                    return;
                }
            } catch (IOException ignored) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(250, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " not healthy within 120 s");
    }

    Process process(Service service) {
        return processes.get(service);
    }

    /** Stops a service as an operator would (SIGTERM), waiting for it to exit. */
    void stop(Service service) {
        Process process = processes.remove(service);
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        for (Process replica : replicas) {
            replica.destroyForcibly();
        }
        for (Service s : Service.values()) {
            stop(s);
        }
        stack.close();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
