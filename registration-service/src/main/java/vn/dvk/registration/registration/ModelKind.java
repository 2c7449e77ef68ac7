package vn.dvk.registration.registration;

/** Collective (tập thể) or individual (cá nhân) model. */
public enum ModelKind {
    COLLECTIVE, INDIVIDUAL
}
