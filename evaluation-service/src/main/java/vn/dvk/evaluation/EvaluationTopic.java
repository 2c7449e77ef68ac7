package vn.dvk.evaluation;

/** The topic every evaluation fact is published on, keyed by the aggregate it concerns. */
public final class EvaluationTopic {

    public static final String NAME = "evaluation-events";

    private EvaluationTopic() {
    }
}
