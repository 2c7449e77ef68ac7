package vn.dvk.registration.campaign;

/**
 * The kinds of registering unit a campaign sets quotas for: communes and the province themselves, and the
 * organisations registered under a unit.
 */
public enum UnitKind {
    PROVINCE, COMMUNE, PARTY_COMMITTEE, PEOPLES_COMMITTEE, FATHERLAND_FRONT, WOMENS_UNION, FARMERS_ASSOCIATION,
    YOUTH_UNION, VETERANS_ASSOCIATION, LABOUR_FEDERATION, SCHOOL, POLICE, MILITARY, PARTY_CELL, OTHER
}
