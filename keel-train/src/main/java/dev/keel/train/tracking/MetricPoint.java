package dev.keel.train.tracking;

import static java.util.Objects.requireNonNull;

/**
 * One logged value of a metric. {@code timestamp} is epoch milliseconds (MLflow's unit; kept primitive
 * because a training run logs millions of these). NaN and infinities are allowed: a diverging loss is data.
 */
public record MetricPoint(String key, double value, long step, long timestamp) {
    public MetricPoint {
        requireNonNull(key, "key is null");
    }
}
