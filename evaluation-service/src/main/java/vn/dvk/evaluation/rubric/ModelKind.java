package vn.dvk.evaluation.rubric;

/** Collective (tập thể) or individual (cá nhân) models: each has its own rubric. */
public enum ModelKind {
    COLLECTIVE, INDIVIDUAL
}
