package dev.keel.server.monitor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The numeric features drift is scored on, for one example (one row of a model input): the mean and standard
 * deviation of its values ({@code input.mean}, {@code input.std}) for any input, plus every value
 * ({@code input[i]}) for tabular inputs of at most {@link #MAX_TABULAR} values. Live predictions and the
 * training reference are summarised by this same function, so their features line up.
 */
final class RowSummaries {
    static final int MAX_TABULAR = 16;

    private RowSummaries() {}

    static Map<String, Double> of(double[] row, int from, int length) {
        Map<String, Double> features = new LinkedHashMap<>();
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += row[i];
        }
        double mean = length == 0 ? 0 : sum / length;
        double squares = 0;
        for (int i = from; i < from + length; i++) {
            squares += (row[i] - mean) * (row[i] - mean);
        }
        features.put("input.mean", mean);
        features.put("input.std", length == 0 ? 0 : Math.sqrt(squares / length));
        if (length <= MAX_TABULAR) {
            for (int i = 0; i < length; i++) {
                features.put("input[" + i + "]", row[from + i]);
            }
        }
        return features;
    }

    /** The predicted class of one output row: the arg-max of its scores ({@code width > 1}), else its value. */
    static String predictedClass(double[] outputs, int from, int width) {
        if (width == 1) {
            return Long.toString(Math.round(outputs[from]));
        }
        int best = 0;
        for (int i = 1; i < width; i++) {
            if (outputs[from + i] > outputs[from + best]) {
                best = i;
            }
        }
        return Integer.toString(best);
    }
}
