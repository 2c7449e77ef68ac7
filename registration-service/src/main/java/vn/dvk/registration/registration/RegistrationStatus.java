package vn.dvk.registration.registration;

/**
 * The life of a registered model: draft → submitted → approved | returned (with a reason) → resubmitted → …;
 * withdrawn by its unit at any point before approval; recognised / commended later, as evaluation outcomes arrive.
 */
public enum RegistrationStatus {
    DRAFT, SUBMITTED, RETURNED, RESUBMITTED, APPROVED, WITHDRAWN, RECOGNISED, COMMENDED;

    /** Whether a registration in this status takes one of its unit's quota places. */
    boolean holdsQuota() {
        return this != DRAFT && this != WITHDRAWN;
    }
}
