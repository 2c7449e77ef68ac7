package vn.dvk.registration.unit;

/** The kinds of organisation registered under a unit, as the movement's forms name them. */
public enum OrganisationKind {
    /** Đảng ủy. */
    PARTY_COMMITTEE,
    /** Ủy ban nhân dân, cơ quan nhà nước. */
    PEOPLES_COMMITTEE,
    /** Mặt trận Tổ quốc. */
    FATHERLAND_FRONT,
    /** Hội Liên hiệp Phụ nữ. */
    WOMENS_UNION,
    /** Hội Nông dân. */
    FARMERS_ASSOCIATION,
    /** Đoàn Thanh niên. */
    YOUTH_UNION,
    /** Hội Cựu chiến binh. */
    VETERANS_ASSOCIATION,
    /** Công đoàn, Liên đoàn Lao động. */
    LABOUR_FEDERATION,
    /** Trường học. */
    SCHOOL,
    /** Công an. */
    POLICE,
    /** Quân sự. */
    MILITARY,
    /** Chi bộ. */
    PARTY_CELL,
    OTHER
}
