package vn.dvk.notification.recipient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import vn.dvk.kit.security.Role;

/**
 * Who to notify, as the dispatcher asks many times a second: every active recipient, held in memory and read again
 * only after a change (any replica's change bumps a version that each replica looks up every two seconds), so that
 * a batch of thousands of reminders never reads the directory per unit.
 */
@Component
public class RecipientDirectory {

    /** How often a replica asks whether the directory changed (one lookup by id). */
    private static final Duration CHECK = Duration.ofSeconds(2);
    private static final String VERSIONS = "recipient_directory";

    private record Snapshot(long version, long checkedAt, Map<String, List<Recipient>> byUnit,
            Map<String, Recipient> byUsername) {
    }

    private final MongoTemplate mongo;
    private volatile Snapshot snapshot;

    RecipientDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The unit's active recipients with any of the roles (every active recipient of the unit for no roles). */
    public List<Recipient> of(String unitCode, Set<Role> roles) {
        List<Recipient> serving = new ArrayList<>();
        for (Recipient r : current().byUnit().getOrDefault(unitCode, List.of())) {
            if (r.serves(unitCode, roles)) {
                serving.add(r);
            }
        }
        return serving;
    }

    public Optional<Recipient> user(String username) {
        return Optional.ofNullable(current().byUsername().get(username)).filter(Recipient::active);
    }

    /** Records a change (in any replica): every replica reads the directory again before its next use. */
    void changed() {
        mongo.upsert(new Query(Criteria.where("_id").is("version")), new Update().inc("version", 1), VERSIONS);
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        long now = System.nanoTime();
        if (s != null && now - s.checkedAt() < CHECK.toNanos()) {
            return s;
        }
        long version = version();
        if (s != null && s.version() == version) {
            s = new Snapshot(version, now, s.byUnit(), s.byUsername());
        } else {
            Map<String, List<Recipient>> byUnit = new HashMap<>();
            Map<String, Recipient> byUsername = new HashMap<>();
            for (Recipient r : mongo.find(new Query(Criteria.where("active").is(true)), Recipient.class)) {
                byUnit.computeIfAbsent(r.unitCode(), u -> new ArrayList<>()).add(r);
                if (r.username() != null) {
                    byUsername.put(r.username(), r);
                }
            }
            s = new Snapshot(version, now, byUnit, byUsername);
        }
        snapshot = s;
        return s;
    }

    private long version() {
        org.bson.Document d = mongo.findById("version", org.bson.Document.class, VERSIONS);
        return d == null ? 0 : ((Number) d.get("version")).longValue();
    }
}
