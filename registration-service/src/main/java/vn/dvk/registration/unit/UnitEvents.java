package vn.dvk.registration.unit;

import java.time.Instant;
import java.util.List;

/** The events on {@value #TOPIC}; schemas in contracts/schemas/unit.*.v1.json. */
final class UnitEvents {

    static final String TOPIC = "unit-events";

    private UnitEvents() {
    }

    /** One shape for an organisation registered, updated or retired: what it is after the change. */
    record OrganisationChanged(String organisationId, String unitCode, OrganisationKind kind, String name,
            boolean active, Instant at) {

        static final String REGISTERED = "vn.dvk.unit.organisation-registered.v1";
        static final String UPDATED = "vn.dvk.unit.organisation-updated.v1";
        static final String RETIRED = "vn.dvk.unit.organisation-retired.v1";

        static OrganisationChanged of(Organisation o, Instant at) {
            return new OrganisationChanged(o.id(), o.unitCode(), o.kind(), o.name(), o.active(), at);
        }
    }

    /**
     * The catalog before 1 July 2025 changed: the old provinces whose units an import stored (again), for consumers
     * to read through {@code GET /api/registration/units/historical}.
     */
    record HistoricalCatalogImported(String importId, List<String> provinceCodes, int districts, int communes,
            Instant at) {

        static final String TYPE = "vn.dvk.unit.historical-catalog-imported.v1";
    }

    /**
     * The whole composition of a commune's mass-mobilisation block after a change, so that a consumer (the grading of
     * blocks and their members) needs nothing else; {@code warnings} are the codes of what departs from the usual
     * composition.
     */
    record BlockComposed(String blockId, String unitCode, String name, List<Block.Member> members,
            List<String> warnings, Instant at) {

        static final String TYPE = "vn.dvk.unit.block-composed.v1";
    }
}
