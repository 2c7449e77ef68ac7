package vn.dvk.gateway.audit;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import vn.dvk.gateway.security.GatewayCaller;

/**
 * Sign-in related audit entries for administrators (ADMIN, enforced by the security chain), newest first, limited to
 * people inside the administrator's own unit subtree. {@code GET /api/gateway/admin/audit?action=&actor=&from=&to=}
 */
@RestController
class GatewayAuditController {

    private final ReactiveMongoTemplate mongo;
    private final GatewayCaller.ClaimPaths paths;

    GatewayAuditController(ReactiveMongoTemplate mongo, GatewayCaller.ClaimPaths paths) {
        this.mongo = mongo;
        this.paths = paths;
    }

    @GetMapping("/api/gateway/admin/audit")
    @io.swagger.v3.oas.annotations.Operation(operationId = "listGatewayAudit")
    Mono<List<Document>> list(@io.swagger.v3.oas.annotations.Parameter(hidden = true) Authentication authentication, @RequestParam(required = false) String action,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (!plausible(from) || !plausible(to)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from and to must lie within 1900-2199");
        }
        GatewayCaller caller = GatewayCaller.of(authentication, paths);
        Criteria criteria = Criteria.where("actorUnitPath").is(caller == null ? "-" : caller.unitCode());
        if (action != null && !action.isBlank()) {
            criteria = criteria.and("action").is(action);
        }
        if (actor != null && !actor.isBlank()) {
            criteria = criteria.and("actorName").is(actor);
        }
        if (from != null || to != null) {
            Criteria at = criteria.and("at");
            if (from != null) {
                at = at.gte(Date.from(from));
            }
            if (to != null) {
                at.lt(Date.from(to));
            }
        }
        int pageSize = Math.min(Math.max(size, 1), 200);
        Query query = new Query(criteria).with(Sort.by(Sort.Direction.DESC, "at"))
                .skip((long) Math.max(page, 0) * pageSize).limit(pageSize);
        return mongo.find(query, Document.class, GatewayAudit.COLLECTION).collectList();
    }

    /** Within the years any record can carry; beyond them the store cannot even compare the instant. */
    private static boolean plausible(Instant instant) {
        return instant == null || instant.isAfter(Instant.parse("1900-01-01T00:00:00Z"))
                && instant.isBefore(Instant.parse("2200-01-01T00:00:00Z"));
    }
}
