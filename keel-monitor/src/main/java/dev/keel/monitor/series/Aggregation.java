package dev.keel.monitor.series;

import dev.keel.core.error.KeelException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the values of one step and group are combined. Sum, count, avg, min, max and rate are exact at every
 * resolution (rollups keep count, sum, min and max); quantiles need the individual values, so they are
 * computed only from raw samples.
 */
public enum Aggregation {
    SUM, COUNT, AVG, MIN, MAX,
    /** Sum of the values per second of step: the rate of a counter recorded as increments. */
    RATE,
    P50, P90, P99;

    public boolean needsRawValues() {
        return this == P50 || this == P90 || this == P99;
    }

    public double quantile() {
        return switch (this) {
            case P50 -> 0.5;
            case P90 -> 0.9;
            case P99 -> 0.99;
            default -> throw new IllegalStateException(this + " is not a quantile");
        };
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Aggregation parse(String text) {
        for (Aggregation aggregation : values()) {
            if (aggregation.jsonName().equalsIgnoreCase(text)) {
                return aggregation;
            }
        }
        throw KeelException.invalid("agg: " + text + " (expected: one of " + names() + ")");
    }

    public static String names() {
        return Arrays.stream(values()).map(Aggregation::jsonName).collect(Collectors.joining(", "));
    }
}
