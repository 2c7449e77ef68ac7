package vn.dvk.kit.id;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Opaque, time-sortable identifiers (UUID version 7, RFC 9562): 48 bits of Unix milliseconds, then random bits.
 * Sorting ids sorts by creation time, which keeps MongoDB's {@code _id} index append-friendly.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId() {
        return newUuid(Clock.systemUTC()).toString();
    }

    static UUID newUuid(Clock clock) {
        long millis = clock.millis();
        long randA = RANDOM.nextInt() & 0xFFFL;
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
