package vn.dvk.evaluation.dossier;

import java.time.Instant;

/**
 * evaluation-service's own reading of the registration lifecycle events ({@code vn.dvk.registration.*.v1} with the
 * shared shape): only what a dossier needs.
 */
record RegistrationChanged(String registrationId, String campaignId, String unitCode, String title,
        Dossier.Owner owner, String kind, String field, String level, String status, Instant at, Instant submittedAt) {

    static final String PREFIX = "vn.dvk.registration.";
    static final java.util.List<String> TYPES = java.util.stream.Stream.of("drafted", "submitted", "resubmitted",
            "returned", "approved", "withdrawn", "recognised", "commended").map(t -> PREFIX + t + ".v1").toList();
}
