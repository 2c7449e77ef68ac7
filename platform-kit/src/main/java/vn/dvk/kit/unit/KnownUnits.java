package vn.dvk.kit.unit;

import java.util.List;

import vn.dvk.kit.problem.DomainException;
import vn.dvk.units.UnitCatalog;

/** The official 2025 catalog as request handling meets it: a code that is not in it is the caller's mistake. */
public final class KnownUnits {

    private static final UnitCatalog CATALOG = UnitCatalog.official2025();

    private KnownUnits() {
    }

    /** The unit and those above it, from the province down; 422 {@code unit-unknown} for a code not in the catalog. */
    public static List<String> pathOf(String unitCode) {
        List<String> path = CATALOG.pathOf(unitCode);
        if (path.isEmpty()) {
            throw DomainException.unprocessable("unit-unknown", unitCode);
        }
        return path;
    }
}
