package vn.dvk.kit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import tools.jackson.databind.json.JsonMapper;
import vn.dvk.kit.audit.AuditWeb;
import vn.dvk.kit.consume.EventDispatchers;
import vn.dvk.kit.consume.IdempotentWrites;
import vn.dvk.kit.deadletter.DeadLetters;
import vn.dvk.kit.deadletter.DeadLetterWeb;
import vn.dvk.kit.health.MongoPingHealthIndicator;
import vn.dvk.kit.store.VersionIndexes;
import vn.dvk.kit.outbox.EventPublisher;
import vn.dvk.kit.outbox.HasOutbox;
import vn.dvk.kit.outbox.Outbox;
import vn.dvk.kit.outbox.OutboxRelay;
import vn.dvk.kit.outbox.OutboxWakeUp;
import vn.dvk.kit.outbox.StreamBridgeEventPublisher;
import vn.dvk.kit.problem.ProblemDetailsAdvice;
import vn.dvk.kit.security.ServiceSecurity;
import vn.dvk.kit.web.ApiDocs;
import vn.dvk.kit.web.RequestHygiene;

/** What every DVK service gets by depending on the kit. Defaults for properties are in {@code kit-defaults.properties}. */
// Before Boot's error handling, so that the kit's problem-detail error controller replaces Boot's error page.
@AutoConfiguration(before = {MongoHealthContributorAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@Import({DeadLetterWeb.class, OutboxWakeUp.class, ServiceSecurity.class, AuditWeb.class, ApiDocs.class,
    RequestHygiene.class})
public class PlatformKitAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Outbox outbox(JsonMapper json, Clock clock, MongoMappingContext mapping) {
        return new Outbox(json, clock, mapping);
    }

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(StreamBridge streamBridge, MeterRegistry meters,
            @Value("${spring.application.name}") String application) {
        return new StreamBridgeEventPublisher(streamBridge, "urn:dvk:" + application, meters);
    }

    @Bean
    OutboxRelay outboxRelay(MongoTemplate mongo, MongoMappingContext mapping, EventPublisher publisher,
            @Value("${dvk.outbox.poll-interval:PT1S}") Duration pollInterval,
            @Value("${dvk.outbox.sweep-interval:PT30S}") Duration sweepInterval,
            @Value("${dvk.outbox.crash-point:NONE}") OutboxRelay.CrashPoint crashPoint) {
        List<String> collections = mapping.getPersistentEntities().stream()
                .filter(entity -> HasOutbox.class.isAssignableFrom(entity.getType()))
                .map(MongoPersistentEntity::getCollection)
                .distinct()
                .toList();
        return new OutboxRelay(mongo, collections, publisher, pollInterval, sweepInterval, crashPoint);
    }

    @Bean
    VersionIndexes versionIndexes(MongoTemplate mongo, MongoMappingContext mapping) {
        return new VersionIndexes(mongo, mapping);
    }

    @Bean
    IdempotentWrites idempotentWrites(MongoTemplate mongo) {
        return new IdempotentWrites(mongo);
    }

    @Bean
    EventDispatchers eventDispatchers(JsonMapper json, MeterRegistry meters) {
        return new EventDispatchers(json, meters);
    }

    @Bean
    DeadLetters deadLetters(@Value("${spring.application.name}") String application,
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers, MongoTemplate mongo,
            MeterRegistry meters) {
        return new DeadLetters(application, brokers, mongo, meters);
    }

    /** One partition per dead-letter topic: volumes are small and people read them in order. */
    @Bean
    DlqPartitionFunction dlqPartitionFunction() {
        return (group, record, cause) -> 0;
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice(MessageSource messages) {
        return new ProblemDetailsAdvice(messages);
    }

    /** Named as Boot's own contributor so that it replaces it. */
    @Bean(name = "mongoHealthContributor")
    MongoPingHealthIndicator mongoHealthContributor(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }
}
