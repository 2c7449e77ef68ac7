package vn.dvk.registration.registration;

import java.time.Instant;

import vn.dvk.registration.campaign.Level;
import vn.dvk.registration.unit.FormerUnit;

/**
 * The payload of every lifecycle event of a registration on {@value Registration#TOPIC}: the registration's key facts
 * and its status after the transition. One shape for all types, so that consumers (statistics above all) read them
 * alike; schemas in contracts/schemas/registration.*.v1.json.
 *
 * @param submittedAt set on submission events (kept from the first version of {@code submitted.v1})
 * @param reason      why it was returned, when it was
 * @param outcome     on recognition and commendation: the evaluation outcome that brought it
 * @param formerUnit  for a record of a campaign from before 1 July 2025, the old unit that registered it
 * @param year        the campaign's year, for statistics across years
 * @param owner       who owns the model as the form names it (the reports list recognised models with it); null when
 *                    the form names none
 */
record RegistrationChanged(String registrationId, String campaignId, String unitCode, String title, Owner owner,
        ModelKind kind,
        Field field, Level level, RegistrationStatus status, Instant at, Instant submittedAt, String reason,
        Registration.Outcome outcome, FormerUnit formerUnit, int year) {

    /** The owner on events: the kind and name only, not the person's position or party membership. */
    record Owner(RegistrationForm.OwnerType type, String name) {
    }

    static final String DRAFTED = "vn.dvk.registration.drafted.v1";
    static final String SUBMITTED = "vn.dvk.registration.submitted.v1";
    static final String RESUBMITTED = "vn.dvk.registration.resubmitted.v1";
    static final String RETURNED = "vn.dvk.registration.returned.v1";
    static final String APPROVED = "vn.dvk.registration.approved.v1";
    static final String WITHDRAWN = "vn.dvk.registration.withdrawn.v1";
    static final String RECOGNISED = "vn.dvk.registration.recognised.v1";
    static final String COMMENDED = "vn.dvk.registration.commended.v1";

    static String typeFor(RegistrationStatus to) {
        return switch (to) {
            case DRAFT -> DRAFTED;
            case SUBMITTED -> SUBMITTED;
            case RESUBMITTED -> RESUBMITTED;
            case RETURNED -> RETURNED;
            case APPROVED -> APPROVED;
            case WITHDRAWN -> WITHDRAWN;
            case RECOGNISED -> RECOGNISED;
            case COMMENDED -> COMMENDED;
        };
    }
}
