package vn.dvk.kit.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One security-relevant action: who (subject, name, unit and the unit's path, for scoping queries to a subtree),
 * what (action, target, outcome, details), when, from where (client address) and in which request.
 */
@Document("audit_log")
@CompoundIndex(name = "by_unit_time", def = "{'actorUnitPath': 1, 'at': -1}")
public record AuditEntry(@Id String id, Instant at, String service, String action, String outcome, String target,
        String actor, String actorName, String actorUnit, List<String> actorUnitPath, List<String> actorRoles,
        String clientAddress, String correlationId, Map<String, Object> details) {
}
