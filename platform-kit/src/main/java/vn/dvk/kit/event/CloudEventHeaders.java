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

    public static final String SPEC_VERSION_1_0 = "1.0";

    private CloudEventHeaders() {
    }
}
