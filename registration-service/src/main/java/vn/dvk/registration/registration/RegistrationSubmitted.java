package vn.dvk.registration.registration;

import java.time.Instant;

/** {@value #TYPE} on {@value Registration#TOPIC}; schema in contracts/schemas/registration.submitted.v1.json. */
record RegistrationSubmitted(String registrationId, String unitCode, String title, ModelKind kind, Field field,
        Instant submittedAt) {

    static final String TYPE = "vn.dvk.registration.submitted.v1";
}
