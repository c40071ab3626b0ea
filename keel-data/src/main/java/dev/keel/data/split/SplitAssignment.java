package dev.keel.data.split;

import dev.keel.core.error.KeelException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which split each row of a table belongs to, for a random split. A persisted algorithm (changing it would move
 * rows between the splits of stored versions; {@code SplitAssignmentTest} pins it with golden values):
 * <ol>
 *   <li><b>Counts</b> (largest remainder): split i gets {@code floor(ratio_i × rows)} rows, computed exactly in
 *       decimal; the rows left over go one each to the splits with the largest fractional parts, ties to the
 *       split listed first. Counts are exact and sum to the rows.</li>
 *   <li><b>Assignment</b>: an array holding split 0's ordinal count_0 times, then split 1's, … is shuffled by
 *       Fisher–Yates ({@code i} from rows−1 down to 1, swap with {@code j = bounded(i + 1)}) driven by SplitMix64
 *       seeded with the spec's seed; {@code bounded} is {@code java.util.Random.nextInt(bound)}'s rejection
 *       method over the top 31 bits of each SplitMix64 output. Row r belongs to the split at position r.</li>
 * </ol>
 * Same seed, ratios (and their order) and row count ⇒ the same assignment on any JVM. Memory: one byte per row
 * (10 million rows: 10 MB), never the dataset itself; at most 2^31 − 1 rows.
 */
final class SplitAssignment {
    private final byte[] splitOfRow;

    SplitAssignment(long seed, long[] counts) {
        long rows = 0;
        for (long count : counts) {
            rows += count;
        }
        if (rows > Integer.MAX_VALUE) {
            throw KeelException.invalid("rows: " + rows + " (expected: <= " + Integer.MAX_VALUE + " for a random split)");
        }
        splitOfRow = new byte[(int) rows];
        int position = 0;
        for (int split = 0; split < counts.length; split++) {
            for (long i = 0; i < counts[split]; i++) {
                splitOfRow[position++] = (byte) split;
            }
        }
        SplitMix64 random = new SplitMix64(seed);
        for (int i = splitOfRow.length - 1; i > 0; i--) {
            int j = random.bounded(i + 1);
            byte swap = splitOfRow[i];
            splitOfRow[i] = splitOfRow[j];
            splitOfRow[j] = swap;
        }
    }

    /** Rows per split, by the largest remainder method (see the class comment). */
    static long[] counts(List<Double> ratios, long rows) {
        long[] counts = new long[ratios.size()];
        BigDecimal[] remainders = new BigDecimal[ratios.size()];
        long assigned = 0;
        for (int i = 0; i < counts.length; i++) {
            BigDecimal exact = BigDecimal.valueOf(ratios.get(i)).multiply(BigDecimal.valueOf(rows));
            BigDecimal floor = exact.setScale(0, RoundingMode.FLOOR);
            counts[i] = floor.longValueExact();
            remainders[i] = exact.subtract(floor);
            assigned += counts[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            order.add(i);
        }
        // Stable sort: equal remainders keep the declaration order.
        order.sort(Comparator.comparing((Integer i) -> remainders[i]).reversed());
        for (int k = 0; assigned < rows; k = (k + 1) % counts.length) {
            counts[order.get(k)]++;
            assigned++;
        }
        // Ratios may sum to 1 within a tolerance; trim an excess row from the splits listed last.
        for (int i = counts.length - 1; assigned > rows && i >= 0; i--) {
            long removed = Math.min(counts[i], assigned - rows);
            counts[i] -= removed;
            assigned -= removed;
        }
        return counts;
    }

    int rows() {
        return splitOfRow.length;
    }

    int splitOf(long row) {
        return splitOfRow[(int) row];
    }

    /** SplitMix64 (Steele, Lea, Flood 2014): tiny, fast and fully specified, so it cannot change under us. */
    static final class SplitMix64 {
        private long state;

        SplitMix64(long seed) {
            this.state = seed;
        }

        long next() {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** Uniform in [0, bound), as {@code java.util.Random.nextInt(bound)} draws it from 31 random bits. */
        int bounded(int bound) {
            int r = (int) (next() >>> 33);
            int m = bound - 1;
            if ((bound & m) == 0) {
                return (int) ((bound * (long) r) >> 31);
            }
            for (int u = r; u - (r = u % bound) + m < 0; u = (int) (next() >>> 33)) {
                // rejected: u fell in the incomplete last interval
            }
            return r;
        }
    }
}
