package dev.keel.monitor.series;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/** A query's answer: which resolution served it, the step used, one series per group. */
public record QueryResult(String name, Resolution resolution, Duration step, Aggregation aggregation,
        List<Series> series) {
    public QueryResult {
        requireNonNull(name, "name is null");
        requireNonNull(resolution, "resolution is null");
        requireNonNull(step, "step is null");
        requireNonNull(aggregation, "aggregation is null");
        series = List.copyOf(series);
    }

    /** One group's points, oldest first; steps without data are absent. */
    public record Series(Labels labels, List<Point> points) {
        public Series {
            requireNonNull(labels, "labels is null");
            points = List.copyOf(points);
        }
    }

    public record Point(long timestampMillis, double value) {}
}
