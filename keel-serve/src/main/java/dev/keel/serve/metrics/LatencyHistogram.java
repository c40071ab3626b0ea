package dev.keel.serve.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Lock-free log-scale histogram of request latencies: bucket i holds values up to 1 µs · 1.1^i, so a
 * quantile read from it is at most 10% above the true value; 200 buckets reach past three minutes.
 */
final class LatencyHistogram {
    private static final double GROWTH = 1.1;
    private static final int BUCKETS = 200;
    private static final double LOG_GROWTH = Math.log(GROWTH);

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void record(long nanos) {
        double micros = Math.max(nanos, 1) / 1000.0;
        int bucket = micros <= 1 ? 0 : (int) Math.ceil(Math.log(micros) / LOG_GROWTH);
        counts.incrementAndGet(Math.min(bucket, BUCKETS - 1));
    }

    /** The counts so far, resetting them. */
    long[] drain() {
        long[] drained = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            drained[i] = counts.getAndSet(i, 0);
        }
        return drained;
    }

    /** The upper bound (in nanoseconds) of the bucket holding quantile {@code q}; 0 when nothing was recorded. */
    static long quantile(long[] counts, double q) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return (long) (Math.pow(GROWTH, i) * 1000);
            }
        }
        return (long) (Math.pow(GROWTH, counts.length - 1) * 1000);
    }
}
