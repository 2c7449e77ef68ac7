package vn.dvk.evaluation;


import vn.dvk.kit.unit.KnownUnits;

/**
 * How much one request may say: the caps of free text, lists, numbers and dates that the request bodies of this
 * service share. The same kind of field has the same cap everywhere (and the same one as in registration-service); a
 * value beyond a cap is a 400 with the field named, before anything is stored. The platform refuses any single string
 * of more than 20,000 characters on its own; these caps are the tighter ones each kind of field deserves.
 */
public final class Limits {

    /** Titles of things: a round, a scheme, a rubric, a criterion, a piece of evidence. */
    public static final int TITLE = 300;
    /** Names of people and bodies, sign-in names, positions and grade labels. */
    public static final int NAME = 200;
    /** Short codes: a criterion's code as a score's key, a field, a decision's number. */
    public static final int CODE = 50;
    /** Identifiers of other objects (UUIDv7 or ULID, with room to spare). */
    public static final int ID = 64;
    /** A link to evidence. */
    public static final int URL = 2000;
    /** Reasons: a conflict of interest, an abstention, an adjustment, a subject not eligible. */
    public static final int REASON = 2000;
    /** Notes and comments, and a criterion's guidance. */
    public static final int NOTE = 4000;

    /** Criteria of a rubric or a grading scheme, and so the scores of one scorecard or self-assessment. */
    public static final int CRITERIA = 100;
    /** Grade thresholds of a scheme. */
    public static final int GRADES = 10;
    /** Evidence of one self-assessment. */
    public static final int EVIDENCE = 100;
    /** Members of a panel, and reviewers in one assignment request. */
    public static final int PANEL = 100;
    /** Models named in one assignment request. */
    public static final int MODELS = 5000;

    /** Counts: votes, commendation places. */
    public static final int COUNT_MAX = 10_000_000;
    /** The largest score, maximum, weight or bonus of one criterion. */
    public static final String POINTS_MAX = "1000";
    /** The largest total a grade threshold may name: every criterion at {@link #POINTS_MAX}. */
    public static final String TOTAL_MAX = "100000";
    /** Digits after the decimal point of points. */
    public static final int FRACTION_DIGITS = 4;

    private Limits() {
    }

    /**
     * A unit code a request names, which must be one of the official catalog's: one that is not is the caller's
     * mistake (422 {@code unit-unknown}) whoever calls, checked before any question of scope (the catalog is public,
     * so this tells nothing). Null — no unit named — stays null. Organisation ids and old (pre-2025) codes are not
     * catalog codes and do not come here.
     */
    public static String knownUnit(String unitCode) {
        if (unitCode != null) {
            KnownUnits.pathOf(unitCode);
        }
        return unitCode;
    }
}
