package vn.dvk.evaluation.dossier;

import java.time.Instant;

/** evaluation-service's own reading of {@code vn.dvk.registration.submitted.v1}: only what a dossier needs. */
record RegistrationSubmitted(String registrationId, String unitCode, String title, String kind, String field,
        Instant submittedAt) {

    static final String TYPE = "vn.dvk.registration.submitted.v1";
}
