package vn.dvk.kit.event;

/**
 * Header names of the CloudEvents 1.0 Kafka protocol binding in binary mode: the attributes travel as {@code ce_}
 * headers, the data as the record value, the content type as {@code content-type}.
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";
    /** Correlates the events caused by one request, across services. */
    public static final String CORRELATION_ID = "ce_correlationid";

    /**
     * CloudEvents sequence extension: the event's place among the events of its subject (aggregate), as a string of
     * {@value #SEQUENCE_DIGITS} decimal digits, so that comparing it as text or as a number agrees. It increases
     * strictly from one event of a subject to the next; gaps are normal and do not mean a lost event. Optional:
     * consumers may use it to drop an event at or below one they have already applied for the same subject.
     */
    public static final String SEQUENCE = "ce_sequence";
    public static final int SEQUENCE_DIGITS = 19;

    public static final String SPEC_VERSION_1_0 = "1.0";

    /** The {@link #SEQUENCE} header's value for a sequence number. */
    public static String sequence(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("a sequence is never negative: " + sequence);
        }
        return String.format("%0" + SEQUENCE_DIGITS + "d", sequence);
    }

    private CloudEventHeaders() {
    }
}
