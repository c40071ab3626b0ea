package dev.keel.train.tracking;

import static java.util.Objects.requireNonNull;

/** A metric point and the run it belongs to: the unit {@link MetricWriter} batches. */
public record RunMetric(String runId, MetricPoint point) {
    public RunMetric {
        requireNonNull(runId, "runId is null");
        requireNonNull(point, "point is null");
    }
}
