package vn.dvk.evaluation.round;

/** The outcome tiers of a deliberation (bình xét), lowest first. */
public enum Tier {
    NOT_RECOGNISED, RECOGNISED, EXEMPLARY, PROPOSED_FOR_COMMENDATION, COMMENDED;

    /** Whether it takes one of the round's commendation places, when the round caps them. */
    boolean commends() {
        return this == PROPOSED_FOR_COMMENDATION || this == COMMENDED;
    }
}
