package vn.dvk.evaluation.dossier;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The evaluation's copy of a registered model (event-carried state), keyed by the registration id and kept current
 * by every lifecycle event of the registration: what rounds need to know which models are eligible, and who may see
 * them.
 *
 * @param unitPath           the unit and those above it, for subtree checks
 * @param registrationStatus the registration's status as of its latest event
 * @param status             the evaluation's own view: awaiting review once submitted
 * @param owner              who owns the model, as the registration names it (null when it names none)
 */
@Document(Dossier.COLLECTION)
public record Dossier(@Id String registrationId, String campaignId, String unitCode, List<String> unitPath,
        String title, Owner owner, String kind, String field, String level, String registrationStatus, String status,
        Instant submittedAt, Instant changedAt, Instant openedAt) {

    /** An organisation or a person, by name. */
    public record Owner(String type, String name) {
    }

    static final String COLLECTION = "dossiers";
    static final String AWAITING_REVIEW = "AWAITING_REVIEW";

    /** Whether the level that launched the campaign approved it (or it has gone further since). */
    public boolean approved() {
        return "APPROVED".equals(registrationStatus) || "RECOGNISED".equals(registrationStatus)
                || "COMMENDED".equals(registrationStatus);
    }
}
