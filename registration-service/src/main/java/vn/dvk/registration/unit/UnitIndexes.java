package vn.dvk.registration.unit;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** One active organisation per name in a unit (retired ones free their name); a unit's organisations by name. */
@Component
class UnitIndexes implements InitializingBean {

    private final MongoTemplate mongo;

    UnitIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        var organisations = mongo.indexOps(Organisation.class);
        organisations.createIndex(new Index().on("uniqueName", Sort.Direction.ASC).unique().named("unique_name"));
        organisations.createIndex(new Index().on("unitCode", Sort.Direction.ASC).on("sortKey", Sort.Direction.ASC)
                .named("unit_alphabetical"));
    }
}
