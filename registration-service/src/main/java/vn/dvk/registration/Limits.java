package vn.dvk.registration;


import vn.dvk.kit.unit.KnownUnits;

/**
 * How much one request may say: the caps of free text, lists, numbers and dates that the request bodies of this
 * service share. The same kind of field has the same cap everywhere (and the same one as in evaluation-service); a
 * value beyond a cap is a 400 with the field named, before anything is stored. The platform refuses any single string
 * of more than 20,000 characters on its own; these caps are the tighter ones each kind of field deserves.
 */
public final class Limits {

    /** Titles of things: a model, a campaign, an attachment's caption. */
    public static final int TITLE = 300;
    /**
     * Names of people, organisations, places and indicators, and positions; the events that carry an owner's or an
     * organisation's name allow 200 characters (contracts/schemas).
     */
    public static final int NAME = 200;
    /** Short codes and units of measure. */
    public static final int CODE = 50;
    /** Identifiers of other objects (UUIDv7 or ULID, with room to spare). */
    public static final int ID = 64;
    /** A search query. */
    public static final int QUERY = 200;
    /** Reasons: why a registration goes back, why a window moves. */
    public static final int REASON = 2000;
    /** Notes and comments. */
    public static final int NOTE = 4000;
    /** Long text: a model's description and goals, a progress narrative. */
    public static final int TEXT = 10_000;

    /**
     * Text without C0/C1 control characters (tab, line feed and carriage return aside) or Unicode bidi controls, as
     * a {@code @Pattern}. The platform refuses these in every JSON string; a multipart form's fields (an attachment's
     * caption) are not JSON, so they say it themselves.
     */
    public static final String PLAIN_TEXT =
            "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]*";

    /** Indicators of a model, and actuals in a progress report. */
    public static final int INDICATORS = 50;
    /** Quotas of a campaign: at most one per kind of unit and kind of model. */
    public static final int QUOTAS = 50;
    /** Dates in one schedule (progress reports due). */
    public static final int DATES = 100;
    /** Members of a block in one request; more than {@code Block.MEMBER_LIMIT} is refused by the block itself. */
    public static final int BLOCK_MEMBERS = 100;

    /** Counts: households, units, quota places. */
    public static final int COUNT_MAX = 10_000_000;
    /** Hectares of one replication: more than any province. */
    public static final String HECTARES_MAX = "10000000";
    /** Digits after the decimal point of a measured value. */
    public static final int FRACTION_DIGITS = 4;
    /** The largest value of an indicator, whatever it measures: 10^15 (đồng, hectares, people...). */
    public static final String MEASURE_MAX = "1000000000000000";
    public static final String MEASURE_MIN = "-1000000000000000";

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
