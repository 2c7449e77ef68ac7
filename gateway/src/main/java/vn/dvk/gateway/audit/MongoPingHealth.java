package vn.dvk.gateway.audit;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * MongoDB health through {@code ping}, as in the services: Boot's reactive indicator sends {@code hello}, which the
 * local MongoDB-wire server does not know. Named as Boot's contributor so that it replaces it.
 */
@Component("mongoHealthContributor")
class MongoPingHealth extends AbstractReactiveHealthIndicator {

    private final ReactiveMongoTemplate mongo;

    MongoPingHealth(ReactiveMongoTemplate mongo) {
        super("MongoDB health check failed");
        this.mongo = mongo;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return mongo.executeCommand(new Document("ping", 1))
                .map(reply -> builder.up().withDetail("ok", reply.get("ok")).build());
    }
}
