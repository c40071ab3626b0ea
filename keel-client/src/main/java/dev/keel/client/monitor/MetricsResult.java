package dev.keel.client.monitor;

import java.util.List;
import java.util.Map;

/** A query's answer: the resolution that served it and one series per group; points are [epochMillis, value]. */
public record MetricsResult(String name, String resolution, String step, String agg, List<Series> series) {
    public record Series(Map<String, String> labels, List<List<Double>> points) {}
}
