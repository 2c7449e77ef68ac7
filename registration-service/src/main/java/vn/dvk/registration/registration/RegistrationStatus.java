package vn.dvk.registration.registration;

/** Where a registration stands. The slice knows submission; the registration issue adds the rest of the cycle. */
public enum RegistrationStatus {
    SUBMITTED
}
