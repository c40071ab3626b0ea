package dev.keel.workflow.engine;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How often the engine looks for work and how long a claimed step stays its owner's without a heartbeat. A server
 * that dies holds its steps until the lease runs out; the owner renews every third of a lease.
 */
public record EngineSettings(Duration tick, Duration lease) {
    public EngineSettings {
        requireNonNull(tick, "tick is null");
        requireNonNull(lease, "lease is null");
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("tick: " + tick + " (expected: > 0)");
        }
        if (lease.compareTo(tick.multipliedBy(4)) < 0) {
            throw new IllegalArgumentException("lease: " + lease + " (expected: >= 4 ticks, " + tick.multipliedBy(4)
                    + ")");
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(Duration.ofMillis(250), Duration.ofSeconds(15));
    }
}
