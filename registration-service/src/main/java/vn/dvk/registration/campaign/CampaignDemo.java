package vn.dvk.registration.campaign;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** What the demo seeder may do with campaigns: find out whether it ran, and draft and launch one. */
@Component
public class CampaignDemo {

    private final CampaignCatalog catalog;
    private final MongoTemplate mongo;

    CampaignDemo(CampaignCatalog catalog, MongoTemplate mongo) {
        this.catalog = catalog;
        this.mongo = mongo;
    }

    public boolean exists(String unitCode, int year, String title) {
        return mongo.exists(new Query(Criteria.where("plan.unitCode").is(unitCode).and("plan.year").is(year)
                .and("plan.title").is(title)), Campaign.class);
    }

    /** Drafts and launches; returns the campaign's id. */
    public String launch(CampaignPlan plan, String by) {
        Campaign campaign = catalog.draft(plan, by);
        return catalog.transition(campaign, CampaignEvents.Launched.TYPE, (c, at) -> c.launch(by, at)).id();
    }
}
