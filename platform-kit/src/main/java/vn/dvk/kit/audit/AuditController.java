package vn.dvk.kit.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.UnitAccess;
import vn.dvk.kit.validation.PlausibleDate;

/**
 * The audit trail of this service for administrators, newest first: only actions of people inside the
 * administrator's own unit subtree. {@code GET …/admin/audit?action=&actor=&from=&to=&page=&size=}
 */
@RestController
@RequestMapping("${dvk.api.base-path}/admin/audit")
class AuditController {

    private final MongoTemplate mongo;
    private final UnitAccess access;

    AuditController(MongoTemplate mongo, UnitAccess access) {
        this.mongo = mongo;
        this.access = access;
    }

    @GetMapping
    @Allow(Role.ADMIN)
    Page<AuditEntry> list(@RequestParam(required = false) String action,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (!plausible(from) || !plausible(to)) {
            throw DomainException.unprocessable("audit-period-invalid");
        }
        Criteria criteria = Criteria.where("actorUnitPath").is(access.caller().unitCode());
        if (action != null && !action.isBlank()) {
            criteria = criteria.and("action").is(action);
        }
        if (actor != null && !actor.isBlank()) {
            criteria = criteria.and("actorName").is(actor);
        }
        if (from != null || to != null) {
            Criteria at = criteria.and("at");
            if (from != null) {
                at = at.gte(from);
            }
            if (to != null) {
                at.lt(to);
            }
        }
        PageRequest request = PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 500),
                Sort.by(Sort.Direction.DESC, "at"));
        Query query = new Query(criteria);
        long total = mongo.count(query, AuditEntry.class);
        List<AuditEntry> entries = mongo.find(query.with(request), AuditEntry.class);
        return new PageImpl<>(entries, request, total);
    }

    /** Within the years any record can carry; beyond them the store cannot even compare the instant. */
    static boolean plausible(Instant instant) {
        return instant == null || !instant.isBefore(PlausibleDate.EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant())
                && instant.isBefore(PlausibleDate.LATEST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
