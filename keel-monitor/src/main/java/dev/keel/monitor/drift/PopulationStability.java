package dev.keel.monitor.drift;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;

/**
 * Population stability index: {@code PSI = Σ (a_i − e_i) · ln(a_i / e_i)} over bins, where {@code e_i} is
 * the reference (expected) share of bin i and {@code a_i} the live (actual) share. Empty bins would make the
 * logarithm infinite, so every share is floored at {@link #FLOOR} first. Rule of thumb: below 0.1 stable,
 * 0.1–0.25 moderate shift, above 0.25 significant shift.
 */
public final class PopulationStability {
    public static final double FLOOR = 1e-4;

    private PopulationStability() {}

    /** PSI of two count vectors over the same bins. */
    public static double index(long[] expectedCounts, long[] actualCounts) {
        if (expectedCounts.length != actualCounts.length || expectedCounts.length == 0) {
            throw new IllegalArgumentException("counts: " + expectedCounts.length + " and " + actualCounts.length
                    + " bins (expected: the same number, > 0)");
        }
        long expectedTotal = Arrays.stream(expectedCounts).sum();
        long actualTotal = Arrays.stream(actualCounts).sum();
        if (expectedTotal == 0 || actualTotal == 0) {
            throw new IllegalArgumentException("counts: empty distribution (expected: at least one observation each)");
        }
        double psi = 0;
        for (int i = 0; i < expectedCounts.length; i++) {
            double e = Math.max((double) expectedCounts[i] / expectedTotal, FLOOR);
            double a = Math.max((double) actualCounts[i] / actualTotal, FLOOR);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    /** PSI of two categorical distributions; a category seen on one side only is a bin with 0 on the other. */
    public static double index(Map<String, Long> expected, Map<String, Long> actual) {
        TreeSet<String> categories = new TreeSet<>(expected.keySet());
        categories.addAll(actual.keySet());
        long[] e = new long[categories.size()];
        long[] a = new long[categories.size()];
        int i = 0;
        for (String category : categories) {
            e[i] = expected.getOrDefault(category, 0L);
            a[i] = actual.getOrDefault(category, 0L);
            i++;
        }
        return index(e, a);
    }

    /**
     * Counts {@code values} into the bins cut at {@code edges} (ascending): bin 0 is {@code < edges[0]}, bin i
     * is {@code [edges[i-1], edges[i])}, the last bin {@code >= edges[last]}.
     */
    public static long[] binCounts(double[] edges, double[] values) {
        long[] counts = new long[edges.length + 1];
        for (double value : values) {
            int index = Arrays.binarySearch(edges, value);
            // binarySearch: exact hit i goes to the bin that starts at edges[i]; a miss gives the insertion point.
            counts[index >= 0 ? firstAtOrAfter(edges, index) + 1 : -index - 1]++;
        }
        return counts;
    }

    private static int firstAtOrAfter(double[] edges, int index) {
        int last = index;
        while (last + 1 < edges.length && edges[last + 1] == edges[index]) {
            last++;
        }
        return last;
    }

    /** Decile edges of a sorted reference sample, duplicates removed: ten bins of about equal reference share. */
    public static double[] decileEdges(double[] sortedReference) {
        if (sortedReference.length == 0) {
            throw new IllegalArgumentException("reference: empty (expected: at least one value)");
        }
        double[] edges = new double[9];
        for (int i = 1; i <= 9; i++) {
            edges[i - 1] = sortedReference[Math.min(sortedReference.length - 1, (int) Math.floor(i * sortedReference.length / 10.0))];
        }
        return Arrays.stream(edges).distinct().toArray();
    }
}
