package vn.dvk.gateway.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets kept in this gateway's memory, one per key: {@code burst} tokens at most, refilled at
 * {@code perSecond}. Each replica of the gateway limits on its own, so N replicas allow up to N times the rate;
 * sticky load balancing by address keeps that close to the configured rate.
 */
final class TokenBuckets {

    /** Beyond this many keys, buckets that have refilled completely (idle keys) are dropped. */
    private static final int PRUNE_ABOVE = 100_000;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }
    }

    TokenBuckets(double perSecond, double burst, LongSupplier nanoTime) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs per-second > 0 and burst >= 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** Takes one token for {@code key}: 0 when allowed, otherwise the nanoseconds until a token is available. */
    long tryTake(String key) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > PRUNE_ABOVE) {
            prune(now);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            refill(bucket, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - bucket.tokens) / perSecond * 1_000_000_000L);
        }
    }

    int size() {
        return buckets.size();
    }

    private void refill(Bucket bucket, long now) {
        double elapsed = (now - bucket.updatedAt) / 1_000_000_000.0;
        bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
        bucket.updatedAt = now;
    }

    private void prune(long now) {
        buckets.entrySet().removeIf(entry -> {
            Bucket bucket = entry.getValue();
            synchronized (bucket) {
                refill(bucket, now);
                return bucket.tokens >= burst;
            }
        });
    }
}
