package vn.dvk.evaluation.dossier;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The evaluation's copy of a registered model (event-carried state), keyed by the registration id. Review rounds and
 * scorecards attach to it in the evaluation issue.
 */
@Document(Dossier.COLLECTION)
record Dossier(@Id String registrationId, String unitCode, String title, String kind, String field, String status,
        Instant submittedAt, Instant openedAt) {

    static final String COLLECTION = "dossiers";
    static final String AWAITING_REVIEW = "AWAITING_REVIEW";
}
