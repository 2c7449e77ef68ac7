package vn.dvk.evaluation;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * The indexes behind evaluation's reads: a campaign's dossiers at a level (what a round admits), a round's models,
 * a scheme's gradings, and the rubrics, rounds and schemes of a unit subtree. Created at start; creating an existing
 * index is a no-op.
 */
@Component
class EvaluationIndexes implements InitializingBean {

    private final MongoTemplate mongo;

    EvaluationIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps("dossiers").createIndex(new Index().on("campaignId", Sort.Direction.ASC)
                .on("level", Sort.Direction.ASC).named("campaign_level"));
        mongo.indexOps("round_models").createIndex(new Index().on("roundId", Sort.Direction.ASC).named("round"));
        mongo.indexOps("round_models").createIndex(new Index().on("campaignId", Sort.Direction.ASC)
                .on("deliberation.sendUp", Sort.Direction.ASC).named("campaign_sent_up"));
        mongo.indexOps("gradings").createIndex(new Index().on("schemeId", Sort.Direction.ASC)
                .on("unitPath", Sort.Direction.ASC).named("scheme_subtree"));
        for (String collection : new String[] {"criteria_sets", "review_rounds", "grading_schemes"}) {
            mongo.indexOps(collection).createIndex(new Index().on("unitPath", Sort.Direction.ASC).named("subtree"));
        }
    }
}
