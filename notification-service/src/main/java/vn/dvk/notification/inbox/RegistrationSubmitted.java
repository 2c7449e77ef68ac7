package vn.dvk.notification.inbox;

/** notification-service's own reading of {@code vn.dvk.registration.submitted.v1}. */
record RegistrationSubmitted(String registrationId, String unitCode, String title) {

    static final String TYPE = "vn.dvk.registration.submitted.v1";
}
