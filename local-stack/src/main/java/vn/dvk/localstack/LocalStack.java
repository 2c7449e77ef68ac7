package vn.dvk.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import vn.dvk.localstack.identity.IdentityProvider;
import vn.dvk.localstack.identity.Realm;

/**
 * The infrastructure the platform needs, in one JVM: a Kafka broker, a MongoDB-wire server, an SMTP server and an
 * OpenID Connect provider with the demo realm.
 * {@link #main} runs it for people on fixed ports; tests build one in-process on free ports with {@link #builder()}.
 */
public final class LocalStack implements AutoCloseable {

    private final KafkaBroker kafka;
    private final MongoWireServer mongo;
    private final MailServer mail;
    private final IdentityProvider identity;
    /** Kafka's log directory when the stack made a temporary one; deleted once the broker has stopped. */
    private final Path temporaryKafkaData;

    private LocalStack(KafkaBroker kafka, MongoWireServer mongo, MailServer mail, IdentityProvider identity,
            Path temporaryKafkaData) {
        this.kafka = kafka;
        this.mongo = mongo;
        this.mail = mail;
        this.identity = identity;
        this.temporaryKafkaData = temporaryKafkaData;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** {@code mongodb://host:port} without a database. */
    public String mongoConnectionString() {
        return mongo.connectionString();
    }

    /** A connection string for one database, e.g. {@code mongoUri("registration")}. */
    public String mongoUri(String database) {
        return mongo.connectionString() + "/" + database;
    }

    public MailServer mail() {
        return mail;
    }

    /** The dev OpenID Connect provider; {@link IdentityProvider#issuer()} is what services validate tokens against. */
    public IdentityProvider identity() {
        return identity;
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (AutoCloseable part : new AutoCloseable[] {identity, mail, kafka, mongo}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                failures.add(new IllegalStateException("stopping " + part, e));
            }
        }
        if (temporaryKafkaData != null) {
            // Only now: deleting the log directory under a running broker makes it halt the JVM (exit 1), which
            // failed test runs whose tests had all passed.
            TempDirs.delete(temporaryKafkaData);
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    /** Options of a local stack. Port 0 means a free port; a null data directory keeps MongoDB in memory. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private Path dataDir;
        private int kafkaPort;
        private int kafkaControllerPort;
        private int mongoPort;
        private int smtpPort;
        private int mailHttpPort = -1;
        private int identityPort;
        private List<String> webOrigins = List.of();
        private String identityIssuer;

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Where Kafka logs and the MongoDB file live. Without it, Kafka uses a temporary directory. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        public Builder kafkaControllerPort(int port) {
            this.kafkaControllerPort = port;
            return this;
        }

        public Builder mongoPort(int port) {
            this.mongoPort = port;
            return this;
        }

        public Builder smtpPort(int port) {
            this.smtpPort = port;
            return this;
        }

        /** Port of the received-mail listing; -1 (the default) starts none. */
        public Builder mailHttpPort(int port) {
            this.mailHttpPort = port;
            return this;
        }

        /** Port of the OpenID Connect provider (0, the default, for a free one). */
        public Builder identityPort(int port) {
            this.identityPort = port;
            return this;
        }

        /** The issuer URL as browsers and services reach it, when that is not {@code http://host:port/realms/dvk}. */
        public Builder identityIssuer(String issuer) {
            this.identityIssuer = issuer;
            return this;
        }

        /**
         * The origins the web app is opened at (e.g. {@code http://127.0.0.1:51234}): the identity provider accepts
         * the gateway's return addresses at exactly these. Without any, those of the realm file (port 8080).
         */
        public Builder webOrigins(List<String> origins) {
            this.webOrigins = List.copyOf(origins);
            return this;
        }

        public LocalStack start() {
            Path kafkaData;
            Path mongoData = null;
            if (dataDir != null) {
                kafkaData = dataDir.resolve("kafka");
                mongoData = dataDir.resolve("mongo");
            } else {
                kafkaData = TempDirs.create("dvk-kafka-");
            }
            MongoWireServer mongo = MongoWireServer.start(mongoData, host, mongoPort);
            MailServer mail = null;
            IdentityProvider identity = null;
            try {
                mail = MailServer.start(host, smtpPort, mailHttpPort);
                identity = IdentityProvider.start(Realm.demo().withWebOrigins(webOrigins), host, identityPort,
                        identityIssuer);
                KafkaBroker kafka = KafkaBroker.start(kafkaData, host, kafkaPort, kafkaControllerPort);
                return new LocalStack(kafka, mongo, mail, identity, dataDir == null ? kafkaData : null);
            } catch (RuntimeException e) {
                if (identity != null) {
                    identity.close();
                }
                if (mail != null) {
                    mail.close();
                }
                mongo.close();
                throw e;
            }
        }
    }
}
