package vn.dvk.registration.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The two rules that span registrations, made atomic with single-document operations (MongoDB has no multi-document
 * transactions on the local server, and needs none here):
 * <ul>
 * <li><b>one title per campaign and unit</b>: a document whose id is the campaign, unit and folded title;</li>
 * <li><b>the quota</b>: a document per campaign, unit and kind of model holding the ids of the registrations that take
 * a place; a registration joins only while the list is shorter than the limit ({@code holders.<limit-1>} does not
 * exist), so concurrent submissions can never exceed it.</li>
 * </ul>
 * Claims are idempotent per registration id. A claim left behind by a crash between the claim and the save of the
 * registration is recognised as stale (its registration does not exist a minute later, or no longer needs it) and
 * reclaimed when it is in the way.
 */
@Component
class Claims {

    static final String TITLES = "registration_titles";
    static final String QUOTAS = "registration_quotas";
    private static final Duration GRACE = Duration.ofMinutes(1);

    private final MongoTemplate mongo;
    private final Clock clock;

    Claims(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Whether the title was free (or already this registration's). */
    boolean claimTitle(String campaignId, String unitCode, String titleKey, String registrationId,
            Predicate<String> stillNeeds) {
        String key = campaignId + "|" + unitCode + "|" + titleKey;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                mongo.insert(new Document("_id", key).append("registrationId", registrationId)
                        .append("claimedAt", Date.from(clock.instant())), TITLES);
                return true;
            } catch (DuplicateKeyException taken) {
                Document claim = mongo.findById(key, Document.class, TITLES);
                if (claim == null) {
                    continue;
                }
                String holder = claim.getString("registrationId");
                if (holder.equals(registrationId)) {
                    return true;
                }
                if (!stale(holder, claim.getDate("claimedAt").toInstant(), stillNeeds)) {
                    return false;
                }
                mongo.remove(new Query(Criteria.where("_id").is(key).and("registrationId").is(holder)), TITLES);
            }
        }
        return false;
    }

    /** The registration holding a title in a campaign and unit, if any (an _id lookup, cheap at any size). */
    java.util.Optional<String> titleHolder(String campaignId, String unitCode, String titleKey) {
        Document claim = mongo.findById(campaignId + "|" + unitCode + "|" + titleKey, Document.class, TITLES);
        return java.util.Optional.ofNullable(claim == null ? null : claim.getString("registrationId"));
    }

    void releaseTitle(String campaignId, String unitCode, String titleKey, String registrationId) {
        mongo.remove(new Query(Criteria.where("_id").is(campaignId + "|" + unitCode + "|" + titleKey)
                .and("registrationId").is(registrationId)), TITLES);
    }

    /** Takes a quota place for the registration if one is free (or it already has one). */
    boolean claimPlace(String campaignId, String unitCode, ModelKind kind, int limit, String registrationId,
            Predicate<String> stillNeeds) {
        String key = campaignId + "|" + unitCode + "|" + kind;
        for (int attempt = 0; attempt < 2; attempt++) {
            if (limit > 0) {
                try {
                    Query roomLeft = new Query(Criteria.where("_id").is(key)
                            .and("holders." + (limit - 1)).exists(false));
                    Update join = new Update().addToSet("holders", registrationId)
                            .set("claimedAt." + registrationId, Date.from(clock.instant()));
                    mongo.upsert(roomLeft, join, QUOTAS);
                    return true;
                } catch (DuplicateKeyException full) {
                    // The document exists and has no room left: fall through to look for a stale place.
                }
            }
            Document places = mongo.findById(key, Document.class, QUOTAS);
            List<String> holders = places == null ? List.of() : places.getList("holders", String.class);
            if (holders.contains(registrationId)) {
                return true;
            }
            Document claimedAt = places == null ? new Document() : places.get("claimedAt", Document.class);
            boolean freed = false;
            for (String holder : holders) {
                Date at = claimedAt == null ? null : claimedAt.getDate(holder);
                if (stale(holder, at == null ? Instant.EPOCH : at.toInstant(), stillNeeds)) {
                    releasePlace(campaignId, unitCode, kind, holder);
                    freed = true;
                }
            }
            if (!freed) {
                return false;
            }
        }
        return false;
    }

    void releasePlace(String campaignId, String unitCode, ModelKind kind, String registrationId) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(campaignId + "|" + unitCode + "|" + kind)),
                new Update().pull("holders", registrationId).unset("claimedAt." + registrationId), QUOTAS);
    }

    private boolean stale(String holder, Instant claimedAt, Predicate<String> stillNeeds) {
        return claimedAt.plus(GRACE).isBefore(clock.instant()) && !stillNeeds.test(holder);
    }
}
