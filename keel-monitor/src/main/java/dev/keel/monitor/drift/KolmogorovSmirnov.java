package dev.keel.monitor.drift;

import java.util.Arrays;

/**
 * Two-sample Kolmogorov–Smirnov statistic {@code D = sup_x |F_ref(x) − F_live(x)|}, the largest gap between
 * the two empirical distribution functions (0: same sample, 1: disjoint ranges).
 */
public final class KolmogorovSmirnov {
    private KolmogorovSmirnov() {}

    public static double statistic(double[] reference, double[] live) {
        if (reference.length == 0 || live.length == 0) {
            throw new IllegalArgumentException("samples: " + reference.length + " and " + live.length
                    + " values (expected: both non-empty)");
        }
        double[] a = reference.clone();
        double[] b = live.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        int i = 0;
        int j = 0;
        double d = 0;
        // Walk both sorted samples; at each distinct value step past all its copies on both sides before comparing.
        while (i < a.length && j < b.length) {
            double x = Math.min(a[i], b[j]);
            while (i < a.length && a[i] == x) {
                i++;
            }
            while (j < b.length && b[j] == x) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return d;
    }
}
