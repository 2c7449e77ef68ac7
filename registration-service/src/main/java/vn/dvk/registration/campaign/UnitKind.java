package vn.dvk.registration.campaign;

/**
 * The kinds of registering unit a campaign sets quotas for: communes and the province themselves (and districts, in
 * campaigns from before 1 July 2025), and the organisations registered under a unit.
 */
public enum UnitKind {
    PROVINCE, DISTRICT, COMMUNE, PARTY_COMMITTEE, PEOPLES_COMMITTEE, FATHERLAND_FRONT, WOMENS_UNION, FARMERS_ASSOCIATION,
    YOUTH_UNION, VETERANS_ASSOCIATION, LABOUR_FEDERATION, SCHOOL, POLICE, MILITARY, PARTY_CELL, OTHER
}
