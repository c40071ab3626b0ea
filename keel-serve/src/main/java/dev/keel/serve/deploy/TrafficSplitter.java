package dev.keel.serve.deploy;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides per request whether a canary answers. Deterministic for a seed and request order (SplitMix64 over
 * a counter), lock-free, so tests can assert the split exactly while production passes a random seed.
 */
final class TrafficSplitter {
    private final long seed;
    private final AtomicLong counter = new AtomicLong();

    TrafficSplitter(long seed) {
        this.seed = seed;
    }

    boolean toCanary(double weight) {
        long z = seed + counter.getAndIncrement() * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53 < weight;
    }
}
