package dev.keel.train.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** One hyperparameter's range: a choice of values, a uniform or log-uniform real interval, or an integer range. */
public sealed interface SearchDimension {
    /** A value drawn at random (uniformly; log-uniformly for {@link LogUniform}). */
    JsonNode sample(Random random);

    /** The values grid search tries: all of a choice or integer range; {@code points} evenly spaced for reals. */
    List<JsonNode> grid(int points);

    record Choice(List<JsonNode> values) implements SearchDimension {
        public Choice {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("values: [] (expected: at least one value)");
            }
        }

        @Override
        public JsonNode sample(Random random) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public List<JsonNode> grid(int points) {
            return values;
        }
    }

    record Uniform(double low, double high) implements SearchDimension {
        public Uniform {
            if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
                throw new IllegalArgumentException("low/high: " + low + "/" + high + " (expected: finite, low < high)");
            }
        }

        @Override
        public JsonNode sample(Random random) {
            return DoubleNode.valueOf(low + random.nextDouble() * (high - low));
        }

        @Override
        public List<JsonNode> grid(int points) {
            List<JsonNode> values = new ArrayList<>();
            for (int i = 0; i < points; i++) {
                values.add(DoubleNode.valueOf(points == 1 ? (low + high) / 2 : low + (high - low) * i / (points - 1)));
            }
            return values;
        }
    }

    record LogUniform(double low, double high) implements SearchDimension {
        public LogUniform {
            if (!(low > 0) || !(low < high) || !Double.isFinite(high)) {
                throw new IllegalArgumentException("low/high: " + low + "/" + high + " (expected: 0 < low < high)");
            }
        }

        @Override
        public JsonNode sample(Random random) {
            return DoubleNode.valueOf(Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low))));
        }

        @Override
        public List<JsonNode> grid(int points) {
            List<JsonNode> values = new ArrayList<>();
            double a = Math.log(low);
            double b = Math.log(high);
            for (int i = 0; i < points; i++) {
                // The ends exactly as written: exp(log(x)) is not always x.
                double value = points == 1 ? Math.exp((a + b) / 2) : i == 0 ? low : i == points - 1 ? high
                        : Math.exp(a + (b - a) * i / (points - 1));
                values.add(DoubleNode.valueOf(value));
            }
            return values;
        }
    }

    /** {@code low} to {@code high} inclusive, every {@code step}. */
    record IntRange(long low, long high, long step) implements SearchDimension {
        public IntRange {
            if (low > high || step < 1) {
                throw new IllegalArgumentException("low/high/step: " + low + "/" + high + "/" + step
                        + " (expected: low <= high, step >= 1)");
            }
        }

        @Override
        public JsonNode sample(Random random) {
            long count = (high - low) / step + 1;
            return LongNode.valueOf(low + step * (long) (random.nextDouble() * count));
        }

        @Override
        public List<JsonNode> grid(int points) {
            List<JsonNode> values = new ArrayList<>();
            for (long v = low; v <= high; v += step) {
                values.add(LongNode.valueOf(v));
            }
            return values;
        }
    }
}
