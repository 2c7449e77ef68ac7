package vn.dvk.registration.registration;

/** The four fields (lĩnh vực) of the movement; see shared/DOMAIN.md. */
public enum Field {
    ECONOMY, CULTURE_SOCIETY, DEFENSE_SECURITY, POLITICAL_SYSTEM
}
