package dev.keel.monitor.series;

import static java.util.Objects.requireNonNull;

/** One observation of a series at a time (epoch milliseconds). */
public record Sample(String name, Labels labels, long timestampMillis, double value) {
    public Sample {
        requireNonNull(name, "name is null");
        requireNonNull(labels, "labels is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: blank (expected: a metric name)");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value: " + value + " (expected: a finite number)");
        }
    }
}
