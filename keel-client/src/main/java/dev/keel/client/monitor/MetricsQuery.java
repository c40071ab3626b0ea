package dev.keel.client.monitor;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A range query as the API takes it: times as {@code now}, {@code -1h}, ISO-8601 or epoch milliseconds, step as
 * {@code 30s}/{@code 1m}/{@code PT1M}, aggregation {@code sum|count|avg|min|max|rate|p50|p90|p99}; empty
 * optionals take the server's defaults (last hour, 1 minute, avg).
 */
public record MetricsQuery(String name, Map<String, String> labels, Optional<String> from, Optional<String> to,
        Optional<String> step, Optional<String> aggregation, List<String> groupBy) {
    public MetricsQuery {
        requireNonNull(name, "name is null");
        labels = Map.copyOf(labels);
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(step, "step is null");
        requireNonNull(aggregation, "aggregation is null");
        groupBy = List.copyOf(groupBy);
    }

    public static MetricsQuery of(String name) {
        return new MetricsQuery(name, Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of());
    }
}
