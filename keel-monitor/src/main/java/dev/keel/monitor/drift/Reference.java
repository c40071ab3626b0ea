package dev.keel.monitor.drift;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A feature's distribution in the training data: a sorted numeric sample (for KS and decile-binned PSI) or
 * category counts (for PSI).
 */
public record Reference(String feature, Kind kind, double[] sortedValues, Map<String, Long> counts) {
    public enum Kind { NUMERIC, CATEGORICAL }

    /** Numeric references keep at most this many evenly spaced order statistics. */
    public static final int MAX_VALUES = 2000;

    public Reference {
        requireNonNull(feature, "feature is null");
        requireNonNull(kind, "kind is null");
        sortedValues = sortedValues == null ? new double[0] : sortedValues.clone();
        Arrays.sort(sortedValues);
        counts = counts == null ? Map.of() : Map.copyOf(new TreeMap<>(counts));
    }

    /** A numeric reference from any sample, thinned to {@link #MAX_VALUES} order statistics. */
    public static Reference numeric(String feature, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (sorted.length > MAX_VALUES) {
            double[] thinned = new double[MAX_VALUES];
            for (int i = 0; i < MAX_VALUES; i++) {
                thinned[i] = sorted[(int) ((long) i * (sorted.length - 1) / (MAX_VALUES - 1))];
            }
            sorted = thinned;
        }
        return new Reference(feature, Kind.NUMERIC, sorted, null);
    }

    public static Reference categorical(String feature, Map<String, Long> counts) {
        return new Reference(feature, Kind.CATEGORICAL, null, counts);
    }

    @Override
    public double[] sortedValues() {
        return sortedValues.clone();
    }

    public int size() {
        return kind == Kind.NUMERIC ? sortedValues.length : (int) counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
