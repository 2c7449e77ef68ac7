package vn.dvk.kit.store;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;

/**
 * A unique index on {@code _id} and the version field of every versioned document, created at start. An optimistic
 * save updates "this id at this version"; the MongoDB-wire server of the local stack answers a query from an index
 * only when the query names exactly the index's fields, so without this index every versioned save was a scan of the
 * collection: approving one of 100,000 registrations took 3 s. On MongoDB the index is redundant with {@code _id}'s
 * and costs one more index entry per document.
 */
public class VersionIndexes implements SmartInitializingSingleton {

    static final String NAME = "id_version";

    private final MongoTemplate mongo;
    private final MongoMappingContext mapping;

    public VersionIndexes(MongoTemplate mongo, MongoMappingContext mapping) {
        this.mongo = mongo;
        this.mapping = mapping;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (MongoPersistentEntity<?> entity : mapping.getPersistentEntities()) {
            if (entity.hasVersionProperty()) {
                mongo.indexOps(entity.getCollection()).createIndex(new Index().on("_id", Sort.Direction.ASC)
                        .on(entity.getRequiredVersionProperty().getFieldName(), Sort.Direction.ASC).unique()
                        .named(NAME));
            }
        }
    }
}
