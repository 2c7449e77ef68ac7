package vn.dvk.registration.campaign;

/** The level at which models register. Districts only exist in records from before 1 July 2025. */
public enum Level {
    COMMUNE, DISTRICT, PROVINCE
}
