package vn.dvk.kit.audit;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import vn.dvk.kit.id.Ids;
import vn.dvk.kit.security.Caller;
import vn.dvk.kit.security.CallerAuthentication;
import vn.dvk.units.UnitHierarchy;
import vn.dvk.kit.web.CorrelationId;

/**
 * Records security-relevant actions in the service's own {@code audit_log} collection. The actor, address and
 * correlation id come from the request being served; callers name only the action, target, outcome and details.
 * Details must not hold personal data beyond what identifies the actor.
 */
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final MongoTemplate mongo;
    private final UnitHierarchy units;
    private final Clock clock;
    private final String service;

    public AuditTrail(MongoTemplate mongo, UnitHierarchy units, Clock clock, String service) {
        this.mongo = mongo;
        this.units = units;
        this.clock = clock;
        this.service = service;
    }

    public void record(String action, String outcome, String target, Map<String, Object> details) {
        Caller caller = currentCaller();
        HttpServletRequest request = currentRequest();
        AuditEntry entry = new AuditEntry(Ids.newId(), clock.instant(), service, action, outcome, target,
                caller == null ? null : caller.subject(), caller == null ? null : caller.username(),
                caller == null ? null : caller.unitCode(),
                caller == null || caller.unitCode() == null ? List.of() : units.pathOf(caller.unitCode()),
                caller == null ? List.of() : caller.roles().stream().map(Enum::name).sorted().toList(),
                request == null ? null : clientAddress(request), CorrelationId.current(), details);
        try {
            mongo.insert(entry);
        } catch (RuntimeException e) {
            // An audit write must not turn a refusal into a 500; the log still has it.
            log.error("Could not record audit entry {} {} on {}", action, outcome, target, e);
        }
    }

    private static Caller currentCaller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof CallerAuthentication ca ? ca.caller() : null;
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    /** The gateway's X-Forwarded-For names the client; services are reachable only through it in production. */
    private static String clientAddress(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].strip();
        }
        return request.getRemoteAddr();
    }
}
