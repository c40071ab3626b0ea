package dev.keel.train.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs side by side: for every param and metric key any of them has, one row with each run's value (null
 * where a run lacks it), in the order the runs were asked for. Metric values are the latest ones.
 */
public record RunComparison(List<String> runIds, List<String> runNames, Map<String, List<String>> params,
        Map<String, List<Double>> metrics) {
    public RunComparison {
        runIds = List.copyOf(runIds);
        runNames = List.copyOf(runNames);
        params = new TreeMap<>(params);
        metrics = new TreeMap<>(metrics);
    }

    public static RunComparison of(List<Run> runs) {
        TreeSet<String> paramKeys = new TreeSet<>();
        TreeSet<String> metricKeys = new TreeSet<>();
        for (Run run : runs) {
            paramKeys.addAll(run.params().keySet());
            run.latestMetrics().forEach(point -> metricKeys.add(point.key()));
        }
        Map<String, List<String>> params = new TreeMap<>();
        for (String key : paramKeys) {
            params.put(key, runs.stream().map(run -> run.params().get(key)).toList());
        }
        Map<String, List<Double>> metrics = new TreeMap<>();
        for (String key : metricKeys) {
            List<Double> values = new ArrayList<>();
            for (Run run : runs) {
                values.add(run.latestMetrics().stream().filter(p -> p.key().equals(key)).map(MetricPoint::value)
                        .findFirst().orElse(null));
            }
            metrics.put(key, values);
        }
        return new RunComparison(runs.stream().map(Run::id).toList(), runs.stream().map(r -> r.info().name()).toList(),
                params, metrics);
    }
}
