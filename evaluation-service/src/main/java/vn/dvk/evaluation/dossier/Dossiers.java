package vn.dvk.evaluation.dossier;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import vn.dvk.kit.consume.IdempotentWrites;
import vn.dvk.kit.consume.IncomingEvent;
import vn.dvk.units.UnitCatalog;

/**
 * Keeps each dossier as the registration's latest event describes it; a redelivered event changes nothing, and the
 * events of one registration arrive in order (the topic is keyed by registration). Opened on the first event.
 */
@Component
public class Dossiers {

    private final IdempotentWrites writes;
    private final MongoTemplate mongo;
    private final UnitCatalog units = UnitCatalog.official2025();
    private final Clock clock;

    Dossiers(IdempotentWrites writes, MongoTemplate mongo, Clock clock) {
        this.writes = writes;
        this.mongo = mongo;
        this.clock = clock;
    }

    void apply(IncomingEvent event, RegistrationChanged changed) {
        Update update = new Update()
                .set("campaignId", changed.campaignId())
                .set("unitCode", changed.unitCode())
                .set("unitPath", units.pathOf(changed.unitCode()))
                .set("title", changed.title())
                .set("owner", changed.owner())
                .set("kind", changed.kind())
                .set("field", changed.field())
                .set("level", changed.level())
                .set("registrationStatus", changed.status())
                .set("changedAt", changed.at())
                .setOnInsert("openedAt", clock.instant());
        if (changed.submittedAt() != null) {
            update.set("submittedAt", changed.submittedAt()).set("status", Dossier.AWAITING_REVIEW);
        }
        writes.applyOnce(Dossier.COLLECTION, changed.registrationId(), event.id(), update);
    }

    public Optional<Dossier> find(String registrationId) {
        return Optional.ofNullable(mongo.findById(registrationId, Dossier.class));
    }

    /** The dossiers of these registrations, by registration id. */
    public Map<String, Dossier> byIds(java.util.Collection<String> registrationIds) {
        Map<String, Dossier> found = new java.util.HashMap<>();
        mongo.find(new Query(Criteria.where("_id").in(registrationIds)), Dossier.class)
                .forEach(d -> found.put(d.registrationId(), d));
        return found;
    }

    /** The approved models of a campaign at a level: those a review round of that level takes. */
    public List<Dossier> approvedIn(String campaignId, String level) {
        return mongo.find(new Query(Criteria.where("campaignId").is(campaignId).and("level").is(level)), Dossier.class)
                .stream().filter(Dossier::approved).toList();
    }
}
