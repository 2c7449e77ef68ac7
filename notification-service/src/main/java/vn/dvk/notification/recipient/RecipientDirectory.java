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
import org.springframework.stereotype.Component;
import vn.dvk.kit.security.Role;

/**
 * Who to notify, as the dispatcher asks many times a second: every active recipient, read at most every few seconds
 * (at once after a change made through this replica), so that a batch of thousands of reminders reads the directory
 * once rather than once per unit.
 */
@Component
public class RecipientDirectory {

    private static final Duration FRESH = Duration.ofSeconds(5);

    private record Snapshot(long readAt, Map<String, List<Recipient>> byUnit, Map<String, Recipient> byUsername) {
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

    /** Forget the snapshot: the next question reads the directory again. */
    void changed() {
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.readAt() > FRESH.toNanos()) {
            Map<String, List<Recipient>> byUnit = new HashMap<>();
            Map<String, Recipient> byUsername = new HashMap<>();
            for (Recipient r : mongo.find(new Query(Criteria.where("active").is(true)), Recipient.class)) {
                byUnit.computeIfAbsent(r.unitCode(), u -> new ArrayList<>()).add(r);
                if (r.username() != null) {
                    byUsername.put(r.username(), r);
                }
            }
            s = new Snapshot(System.nanoTime(), byUnit, byUsername);
            snapshot = s;
        }
        return s;
    }
}
