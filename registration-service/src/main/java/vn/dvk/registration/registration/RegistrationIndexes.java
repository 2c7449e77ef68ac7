package vn.dvk.registration.registration;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import vn.dvk.registration.campaign.Campaign;

/**
 * The indexes behind the lists: a unit subtree newest first or in alphabetical order, a unit's registrations in a
 * campaign by status (quota status), and the campaigns concerning a unit. Created at start; creating an existing
 * index is a no-op.
 */
@Component
class RegistrationIndexes implements InitializingBean {

    private final MongoTemplate mongo;

    RegistrationIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        var registrations = mongo.indexOps(Registration.class);
        registrations.createIndex(new Index().on("unitPath", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC)
                .named("subtree_newest"));
        registrations.createIndex(new Index().on("unitPath", Sort.Direction.ASC).on("sortKey", Sort.Direction.ASC)
                .named("subtree_alphabetical"));
        registrations.createIndex(new Index().on("campaignId", Sort.Direction.ASC).on("unitCode", Sort.Direction.ASC)
                .on("status", Sort.Direction.ASC).named("campaign_unit_status"));
        var campaigns = mongo.indexOps(Campaign.class);
        campaigns.createIndex(new Index().on("plan.unitCode", Sort.Direction.ASC).named("organiser"));
        campaigns.createIndex(new Index().on("unitPath", Sort.Direction.ASC).named("subtree"));
    }
}
