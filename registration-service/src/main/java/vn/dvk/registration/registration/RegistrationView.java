package vn.dvk.registration.registration;

import java.time.Instant;
import java.util.List;

import vn.dvk.registration.campaign.Level;
import vn.dvk.registration.unit.FormerUnit;

/** A registration as the API shows it (no outbox, no internal keys). */
record RegistrationView(String id, String campaignId, int year, String unitCode, FormerUnit formerUnit, String title, ModelKind kind,
        Field field, Level level, RegistrationStatus status, String returnReason, RegistrationForm.Owner owner,
        RegistrationForm.Place place, String description, String goals, List<RegistrationForm.Indicator> indicators,
        java.time.LocalDate startDate, java.time.LocalDate endDate, List<Registration.Transition> history,
        List<Progress.Report> progressReports, List<Progress.Replication> replications,
        List<Evidence.Attachment> attachments, List<Registration.Outcome> outcomes, Instant createdAt, Instant submittedAt, Instant updatedAt,
        Long version) {

    static RegistrationView of(Registration r) {
        RegistrationForm f = r.form();
        return new RegistrationView(r.id(), r.campaignId(), r.year(), r.unitCode(), r.formerUnit(), r.title(), r.kind(), r.field(),
                r.level(), r.status(), r.returnReason(), f.owner(), f.place(), f.description(), f.goals(),
                f.indicators(), f.startDate(), f.endDate(), r.history(), r.progressReports(), r.replications(),
                r.attachments(), r.outcomes(), r.createdAt(), r.submittedAt(), r.updatedAt(), r.version());
    }
}
