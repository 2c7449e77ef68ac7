package vn.dvk.registration.campaign;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.stereotype.Service;
import vn.dvk.kit.id.Ids;
import vn.dvk.kit.outbox.Outbox;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.UnitAccess;
import vn.dvk.kit.unit.KnownUnits;

/**
 * Campaigns: drafting, the lifecycle transitions and their events (each change and its event saved in one write),
 * and finding the campaigns that concern a unit.
 */
@Service
public class CampaignCatalog {

    private final Campaigns campaigns;
    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Clock clock;

    CampaignCatalog(Campaigns campaigns, MongoTemplate mongo, Outbox outbox, Clock clock) {
        this.campaigns = campaigns;
        this.mongo = mongo;
        this.outbox = outbox;
        this.clock = clock;
    }

    Campaign draft(CampaignPlan plan, String by) {
        List<String> path = KnownUnits.pathOf(plan.unitCode());
        return campaigns.save(Campaign.draft(Ids.newId(), path, plan, by, clock.instant()));
    }

    Campaign revise(Campaign campaign, CampaignPlan plan) {
        campaign.revise(plan);
        return campaigns.save(campaign);
    }

    /** Applies a transition and appends its event; the version check refuses a concurrent change (409). */
    <E> Campaign transition(Campaign campaign, String type, BiFunction<Campaign, java.time.Instant, E> change) {
        E event = change.apply(campaign, clock.instant());
        outbox.append(campaign, Campaign.TOPIC, type, campaign.id(), event);
        return campaigns.save(campaign);
    }

    public Optional<Campaign> find(String id) {
        return campaigns.findById(id);
    }

    /**
     * A campaign as seen by the caller: it concerns their unit (organised by it, above it or below it), or it answers
     * as one that does not exist.
     */
    public Campaign visibleTo(UnitAccess access, String id) {
        return access.visibleAlongPath(find(id), Campaign::unitCode, "campaign/" + id,
                () -> DomainException.notFound("campaign-not-found", id));
    }

    /** Campaigns that concern a unit: those of its own unit and ancestors, and those of units below it. */
    Page<Campaign> concerning(String unitCode, List<String> unitAndAncestors, Integer year, CampaignStatus status,
            Pageable page) {
        Criteria criteria = new Criteria().orOperator(Criteria.where("plan.unitCode").in(unitAndAncestors),
                Criteria.where("unitPath").is(unitCode));
        if (year != null) {
            criteria = new Criteria().andOperator(criteria, Criteria.where("plan.year").is(year));
        }
        if (status != null) {
            criteria = new Criteria().andOperator(criteria, Criteria.where("status").is(status));
        }
        Query query = new Query(criteria).with(page);
        List<Campaign> found = mongo.find(query, Campaign.class);
        return PageableExecutionUtils.getPage(found, page,
                () -> mongo.count(Query.of(query).limit(-1).skip(-1), Campaign.class));
    }
}
