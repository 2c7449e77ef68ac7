package vn.dvk.kit.security;

/** The platform's roles, as the identity provider puts them in the token. */
public enum Role {
    /** Administers the platform for their unit's subtree: dead letters, audit. */
    ADMIN,
    /** Runs campaigns, rounds and decisions for their unit's level. */
    COORDINATOR,
    /** Steering-committee member who scores models. */
    REVIEWER,
    /** Registers models and reports progress for their unit. */
    UNIT_OFFICER,
    /** Follows dashboards and reads. */
    VIEWER
}
