package vn.dvk.kit.web;

import java.util.regex.Pattern;

import org.slf4j.MDC;
import vn.dvk.kit.id.Ids;

/**
 * The id that ties together everything one request caused: the gateway sets it (or accepts a well-formed one from the
 * client), services log it, store it with the events they cause and pass it on in Kafka headers, and consumers carry
 * it into the events they publish in turn.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CorrelationId() {
    }

    /** The id of the work in progress on this thread, or null. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }

    /** A received id when it is well formed; otherwise a new one (a client cannot inject text into logs this way). */
    public static String acceptOrCreate(String received) {
        return received != null && WELL_FORMED.matcher(received).matches() ? received : Ids.newId();
    }

    /** Makes {@code id} current until the returned scope is closed, which restores the previous one. */
    public static Scope use(String id) {
        String previous = MDC.get(MDC_KEY);
        set(id);
        return () -> set(previous);
    }

    private static void set(String id) {
        if (id == null) {
            MDC.remove(MDC_KEY);
        } else {
            MDC.put(MDC_KEY, id);
        }
    }

    /** Restores the previous correlation id when closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
