package dev.keel.monitor.series;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.Problems;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One range query: the series named {@code name} whose labels match {@code match}, from {@code from}
 * (inclusive) to {@code to} (exclusive, epoch milliseconds), cut into steps, aggregated per step and per
 * distinct value of the {@code groupBy} labels (no group-by: one series).
 */
public record SeriesQuery(String name, Map<String, String> match, long from, long to, Duration step,
        Aggregation aggregation, List<String> groupBy) {
    /** A query never returns more points per series than this. */
    public static final int MAX_POINTS = 11_000;

    public SeriesQuery {
        requireNonNull(step, "step is null");
        requireNonNull(aggregation, "aggregation is null");
        match = Map.copyOf(requireNonNull(match, "match is null"));
        groupBy = List.copyOf(requireNonNull(groupBy, "groupBy is null"));
        Problems problems = new Problems();
        problems.require(name != null && !name.isBlank(), "name", name, "a metric name");
        problems.require(to > from, "to", to, "> from " + from);
        problems.require(step.toMillis() >= 1, "step", step, ">= 1 ms");
        if (to > from && step.toMillis() >= 1) {
            problems.require((to - from) / step.toMillis() <= MAX_POINTS, "step", step,
                    "at most " + MAX_POINTS + " steps in the range");
        }
        problems.throwIfAny("metrics query");
    }
}
