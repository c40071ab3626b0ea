package dev.keel.client.tracking;

import static java.util.Objects.requireNonNull;

/** One point to log, or one point of a metric's history; {@code timestamp} is epoch milliseconds. */
public record MetricPoint(String key, double value, long step, long timestamp) {
    public MetricPoint {
        requireNonNull(key, "key is null");
    }
}
