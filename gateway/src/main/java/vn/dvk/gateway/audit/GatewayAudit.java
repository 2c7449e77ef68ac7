package vn.dvk.gateway.audit;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.dvk.gateway.security.GatewayCaller;
import vn.dvk.gateway.web.CorrelationIdFilter;
import vn.dvk.units.UnitCatalog;

/**
 * The gateway's part of the audit trail — sign-in, failed sign-in, sign-out, access the gateway itself refuses, and
 * a change of a user's roles or unit noticed at sign-in (roles are managed in the identity provider) — in the same
 * shape as the services' entries, in the gateway's own {@code audit_log} collection.
 */
@Component
public class GatewayAudit {

    static final String COLLECTION = "audit_log";
    private static final String LAST_SEEN = "signed_in_users";
    private static final Logger log = LoggerFactory.getLogger(GatewayAudit.class);

    private final ReactiveMongoTemplate mongo;
    private final GatewayCaller.ClaimPaths paths;
    private final UnitCatalog units = UnitCatalog.official2025();
    private final Clock clock = Clock.systemUTC();

    GatewayAudit(ReactiveMongoTemplate mongo, GatewayCaller.ClaimPaths paths) {
        this.mongo = mongo;
        this.paths = paths;
    }

    public Mono<Void> signIn(ServerWebExchange exchange, Authentication authentication) {
        GatewayCaller caller = GatewayCaller.of(authentication, paths);
        if (caller == null) {
            return Mono.empty();
        }
        Document seen = new Document("_id", caller.subject()).append("roles", caller.sortedRoles())
                .append("unit", caller.unitCode());
        Mono<Void> roleChange = mongo.findById(caller.subject(), Document.class, LAST_SEEN)
                .filter(previous -> !previous.get("roles", List.class).equals(caller.sortedRoles())
                        || !java.util.Objects.equals(previous.getString("unit"), caller.unitCode()))
                .flatMap(previous -> record(exchange, caller, "roles.changed", "observed-at-sign-in",
                        Map.of("rolesBefore", previous.get("roles"), "unitBefore", String.valueOf(previous.get("unit")),
                                "rolesAfter", caller.sortedRoles(), "unitAfter", String.valueOf(caller.unitCode()))));
        return roleChange.then(mongo.save(seen, LAST_SEEN).then())
                .then(record(exchange, caller, "sign-in", "succeeded", Map.of()));
    }

    public Mono<Void> signInFailed(ServerWebExchange exchange, AuthenticationException failure) {
        return record(exchange, null, "sign-in", "failed", Map.of("reason", failure.getClass().getSimpleName()));
    }

    /** A signed-in caller refused by the gateway itself (an administration path without the ADMIN role). */
    public Mono<Void> accessDenied(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(Authentication.class::isInstance)
                .map(principal -> GatewayCaller.of((Authentication) principal, paths))
                .flatMap(caller -> record(exchange, caller, "access.denied", "role-not-allowed", Map.of()));
    }

    public Mono<Void> signOut(ServerWebExchange exchange, Authentication authentication) {
        return record(exchange, authentication == null ? null : GatewayCaller.of(authentication, paths), "sign-out",
                "succeeded", Map.of());
    }

    private Mono<Void> record(ServerWebExchange exchange, GatewayCaller caller, String action, String outcome,
            Map<String, Object> details) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("_id", UUID.randomUUID().toString());
        entry.put("at", java.util.Date.from(clock.instant()));
        entry.put("service", "gateway");
        entry.put("action", action);
        entry.put("outcome", outcome);
        entry.put("target", exchange.getRequest().getPath().value());
        entry.put("actor", caller == null ? null : caller.subject());
        entry.put("actorName", caller == null ? null : caller.username());
        entry.put("actorUnit", caller == null ? null : caller.unitCode());
        entry.put("actorUnitPath", caller == null ? List.of() : units.pathOf(caller.unitCode()));
        entry.put("actorRoles", caller == null ? List.of() : caller.sortedRoles());
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        entry.put("clientAddress", remote == null ? null : remote.getAddress().getHostAddress());
        entry.put("correlationId", exchange.getResponse().getHeaders().getFirst(CorrelationIdFilter.HEADER));
        entry.put("details", details);
        return mongo.insert(new Document(entry), COLLECTION).then()
                .onErrorResume(e -> {
                    log.error("Could not record audit entry {} {}", action, outcome, e);
                    return Mono.empty();
                });
    }
}
