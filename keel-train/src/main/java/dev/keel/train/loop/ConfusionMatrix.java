package dev.keel.train.loop;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * Counts of (actual, predicted) class pairs, with accuracy and macro-averaged precision, recall and F1. A class
 * nothing was predicted as has precision 0, one with no examples recall 0, and F1 is 0 where both are 0
 * (scikit-learn's {@code zero_division=0}).
 */
public final class ConfusionMatrix {
    private final long[][] counts;

    public ConfusionMatrix(int classes) {
        this.counts = new long[classes][classes];
    }

    @JsonCreator
    public ConfusionMatrix(@JsonProperty("counts") long[][] counts) {
        this.counts = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != counts.length) {
                throw new IllegalArgumentException("counts: row " + i + " has " + counts[i].length + " columns (expected: "
                        + counts.length + ")");
            }
            this.counts[i] = counts[i].clone();
        }
    }

    public void add(int actual, int predicted) {
        counts[actual][predicted]++;
    }

    public int classes() {
        return counts.length;
    }

    /** {@code counts[actual][predicted]}, a copy. */
    @JsonProperty("counts")
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    public long total() {
        return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
    }

    public double accuracy() {
        long correct = 0;
        for (int i = 0; i < counts.length; i++) {
            correct += counts[i][i];
        }
        long total = total();
        return total == 0 ? 0 : (double) correct / total;
    }

    public double precision(int c) {
        long predicted = 0;
        for (long[] row : counts) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) counts[c][c] / predicted;
    }

    public double recall(int c) {
        long actual = Arrays.stream(counts[c]).sum();
        return actual == 0 ? 0 : (double) counts[c][c] / actual;
    }

    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double macroPrecision() {
        double sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += precision(c);
        }
        return sum / counts.length;
    }

    public double macroRecall() {
        double sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += recall(c);
        }
        return sum / counts.length;
    }

    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += f1(c);
        }
        return sum / counts.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfusionMatrix matrix && Arrays.deepEquals(counts, matrix.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(counts);
    }
}
