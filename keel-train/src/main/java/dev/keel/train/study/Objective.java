package dev.keel.train.study;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/** The metric a study optimises ({@code val_accuracy}) and whether higher or lower is better. */
public record Objective(String metric, Direction direction) {
    public enum Direction {
        MAXIMIZE, MINIMIZE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Objective {
        requireNonNull(metric, "metric is null");
        requireNonNull(direction, "direction is null");
    }

    /** True when {@code candidate} is strictly better than {@code current}; NaN is never better. */
    public boolean better(double candidate, double current) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        if (Double.isNaN(current)) {
            return true;
        }
        return direction == Direction.MAXIMIZE ? candidate > current : candidate < current;
    }
}
