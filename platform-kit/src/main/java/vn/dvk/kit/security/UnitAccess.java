package vn.dvk.kit.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import vn.dvk.kit.audit.AuditTrail;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.units.UnitHierarchy;

/**
 * The object-level half of authorization: a caller may touch only objects whose unit lies inside their own unit's
 * subtree. An object outside it answers exactly as one that does not exist (404), so existence does not leak; a unit
 * named in the request (to create in, or to filter by) outside it answers 403 whether or not the unit exists. Every
 * refusal is written to the audit trail.
 */
public class UnitAccess {

    private final UnitHierarchy units;
    private final AuditTrail audit;

    public UnitAccess(UnitHierarchy units, AuditTrail audit) {
        this.units = units;
        this.audit = audit;
    }

    /** The authenticated caller; every endpoint behind the security filter has one. */
    public Caller caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof CallerAuthentication ca) {
            return ca.caller();
        }
        throw new DomainException(HttpStatus.UNAUTHORIZED, "unauthenticated");
    }

    /** Whether the caller's subtree holds {@code unitCode}. */
    public boolean covers(String unitCode) {
        return units.contains(caller().unitCode(), unitCode);
    }

    /** The object found, if the caller may see it; otherwise the same not-found answer as for a missing object. */
    public <T> T visible(Optional<T> found, Function<T, String> unitOf, String target,
            Supplier<DomainException> notFound) {
        return check(found, unitOf, this::covers, target, notFound);
    }

    /**
     * As {@link #visible}, for objects that also concern the units below theirs — a province's campaign is seen by
     * its communes: visible when the caller's subtree holds the object's unit or the object's unit holds the caller's.
     */
    public <T> T visibleAlongPath(Optional<T> found, Function<T, String> unitOf, String target,
            Supplier<DomainException> notFound) {
        return check(found, unitOf, unit -> covers(unit) || units.contains(unit, caller().unitCode()), target,
                notFound);
    }

    /** The caller's unit and its ancestors, from the top. */
    public List<String> callerPath() {
        return units.pathOf(caller().unitCode());
    }

    private <T> T check(Optional<T> found, Function<T, String> unitOf, Predicate<String> allowed,
            String target, Supplier<DomainException> notFound) {
        if (found.isEmpty()) {
            throw notFound.get();
        }
        T object = found.get();
        if (!allowed.test(unitOf.apply(object))) {
            // The owning unit is not recorded: the prober's own administrators read this entry, and it would tell
            // them which unit holds an id that answered exactly like a missing one.
            audit.record("access.denied", "object-outside-unit", target, Map.of());
            throw notFound.get();
        }
        return object;
    }

    /**
     * The unit a list or count covers: {@code unitCode} when the request names one, else the caller's own; refused
     * (403) when outside the caller's subtree. {@code resource} names what was asked for in the audit trail.
     */
    public String scope(String unitCode, String resource) {
        String scope = unitCode == null ? caller().unitCode() : unitCode;
        requireCovers(scope, resource + "?unitCode=" + scope);
        return scope;
    }

    /**
     * Refuses (403 {@code admin-top-unit-only}) an administrative action whose effect reaches every unit of the
     * service — publishing a template every province reads, rebuilding statistics, replaying dead letters — unless the
     * caller's unit is a top unit of the catalog (a province), which is what such an administrator is.
     */
    public void requireTopUnit(String target) {
        String unit = caller().unitCode();
        if (unit == null || units.pathOf(unit).size() != 1) {
            audit.record("access.denied", "admin-top-unit-only", target, Map.of());
            throw new DomainException(HttpStatus.FORBIDDEN, "admin-top-unit-only");
        }
    }

    /** Refuses (403) a unit named in a request when it lies outside the caller's subtree. */
    public void requireCovers(String unitCode, String target) {
        if (!covers(unitCode)) {
            audit.record("access.denied", "unit-outside-scope", target,
                    Map.of("unit", unitCode == null ? "" : unitCode));
            throw new DomainException(HttpStatus.FORBIDDEN, "unit-outside-scope", unitCode);
        }
    }
}
