package vn.dvk.registration.registration;

import java.time.Instant;

/** A registration as the API shows it (no outbox, no version internals). */
record RegistrationView(String id, String unitCode, String title, ModelKind kind, Field field,
        RegistrationStatus status, Instant submittedAt) {

    static RegistrationView of(Registration r) {
        return new RegistrationView(r.id(), r.unitCode(), r.title(), r.kind(), r.field(), r.status(),
                r.submittedAt());
    }
}
