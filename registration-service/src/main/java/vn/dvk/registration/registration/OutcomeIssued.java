package vn.dvk.registration.registration;

import java.time.Instant;
import java.time.LocalDate;

import vn.dvk.registration.campaign.Level;

/**
 * registration-service's reading of {@code vn.dvk.evaluation.outcome-issued.v1}: the outcome of a model in a review
 * round, published when the decision that carries it is issued.
 */
record OutcomeIssued(String registrationId, String roundId, Level level, Tier tier, Commendation commendation,
        Decision decision, Instant issuedAt) {

    static final String TYPE = "vn.dvk.evaluation.outcome-issued.v1";

    /** The tiers of outcome, lowest first. */
    enum Tier {
        NOT_RECOGNISED, RECOGNISED, EXEMPLARY, PROPOSED_FOR_COMMENDATION, COMMENDED;

        /** What the tier makes of a running registration: recognised, commended, or nothing new. */
        RegistrationStatus status() {
            return switch (this) {
                case NOT_RECOGNISED -> RegistrationStatus.APPROVED;
                case RECOGNISED, EXEMPLARY, PROPOSED_FOR_COMMENDATION -> RegistrationStatus.RECOGNISED;
                case COMMENDED -> RegistrationStatus.COMMENDED;
            };
        }
    }

    /** A certificate of merit (giấy khen) or a provincial one (bằng khen), and who proposed or awarded it. */
    record Commendation(String kind, String body) {
    }

    /** The decision that issued the outcome. */
    record Decision(String number, LocalDate date, String signer, String issuingBody) {
    }
}
