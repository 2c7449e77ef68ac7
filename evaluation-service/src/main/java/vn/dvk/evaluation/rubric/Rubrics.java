package vn.dvk.evaluation.rubric;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import vn.dvk.evaluation.EvaluationTopic;
import vn.dvk.kit.id.Ids;
import vn.dvk.kit.outbox.Outbox;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.unit.KnownUnits;

/** Rubrics of campaigns: created from the defaults or written out, revised until a round uses them. */
@Service
public class Rubrics {

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Clock clock;

    Rubrics(MongoTemplate mongo, Outbox outbox, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.clock = clock;
    }

    CriteriaSet create(RubricForm form, String by) {
        List<String> path = KnownUnits.pathOf(form.unitCode());
        Instant now = clock.instant();
        List<Criterion> criteria = form.criteria() == null || form.criteria().isEmpty()
                ? DefaultRubrics.of(form.kind()) : form.criteria();
        String title = form.title() == null || form.title().isBlank() ? DefaultRubrics.titleOf(form.kind())
                : form.title();
        CriteriaSet set = CriteriaSet.create(Ids.newId(), form.campaignId(), form.unitCode(), path, form.kind(),
                title, criteria, by, now);
        return save(set, now);
    }

    CriteriaSet revise(CriteriaSet set, RubricForm form, String by) {
        if (!set.campaignId().equals(form.campaignId()) || !set.unitCode().equals(form.unitCode())
                || set.kind() != form.kind()) {
            throw DomainException.unprocessable("criteria-set-identity-fixed");
        }
        Instant now = clock.instant();
        set.revise(form.title() == null || form.title().isBlank() ? set.title() : form.title(),
                form.criteria() == null || form.criteria().isEmpty() ? set.criteria() : form.criteria(), by, now);
        return save(set, now);
    }

    /**
     * Marks it used by an opening round, in one write whatever else opens at the same time; the version moves, so a
     * revision in flight fails rather than changing a rubric now in use.
     */
    public void fix(CriteriaSet set) {
        if (!set.inUse()) {
            mongo.updateFirst(new Query(Criteria.where("_id").is(set.id())),
                    new Update().set("inUse", true).inc("version", 1), CriteriaSet.class);
        }
    }

    public Optional<CriteriaSet> find(String id) {
        return Optional.ofNullable(mongo.findById(id, CriteriaSet.class));
    }

    List<CriteriaSet> ofCampaign(String campaignId, String unitCode) {
        Criteria criteria = Criteria.where("unitPath").is(unitCode);
        if (campaignId != null) {
            criteria = criteria.and("campaignId").is(campaignId);
        }
        return mongo.find(new Query(criteria), CriteriaSet.class);
    }

    private CriteriaSet save(CriteriaSet set, Instant at) {
        outbox.append(set, EvaluationTopic.NAME, CriteriaSet.SAVED, set.id(), set.saved(at));
        return mongo.save(set);
    }
}
