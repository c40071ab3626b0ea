package dev.keel.client.tracking;

import java.util.List;
import java.util.Map;

/** Runs side by side: per param or metric key, each run's value (null where a run lacks it), in run order. */
public record RunComparison(List<String> runIds, List<String> runNames, Map<String, List<String>> params,
        Map<String, List<Double>> metrics) {}
