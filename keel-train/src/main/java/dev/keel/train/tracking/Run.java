package dev.keel.train.tracking;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/** A run with its data: params, tags and the latest value of every metric (sorted by key). */
public record Run(RunInfo info, Map<String, String> params, Map<String, String> tags, List<MetricPoint> latestMetrics) {
    public Run {
        requireNonNull(info, "info is null");
        params = Map.copyOf(params);
        tags = Map.copyOf(tags);
        latestMetrics = List.copyOf(latestMetrics);
    }

    public String id() {
        return info.id();
    }
}
