package dev.keel.monitor.alert;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.Problems;
import dev.keel.monitor.series.Aggregation;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An alert rule: the series {@code metric} (a serving metric, or a drift score such as {@code keel_drift_psi})
 * restricted to the labels in {@code match}, aggregated with {@code aggregation} over the last {@code window},
 * compared with {@code threshold}. The condition must hold for {@code forDuration} before the alert fires,
 * and must be false for a whole {@code window} before it resolves. {@code labels} are copied onto its events.
 */
public record AlertRule(String id, String name, String metric, Map<String, String> match, Aggregation aggregation,
        Comparison comparison, double threshold, Duration window, Duration forDuration, String severity,
        Map<String, String> labels, Optional<URI> webhook) {
    public static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

    public AlertRule {
        requireNonNull(id, "id is null");
        match = Map.copyOf(requireNonNull(match, "match is null"));
        labels = Map.copyOf(requireNonNull(labels, "labels is null"));
        requireNonNull(webhook, "webhook is null");
        Problems problems = new Problems();
        problems.require(name != null && name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}"), "name", name,
                "1-100 letters, digits, '_', '.', '-'");
        problems.require(metric != null && !metric.isBlank(), "metric", metric, "a metric name");
        problems.require(aggregation != null, "aggregation", aggregation, "sum, count, avg, min, max, rate or a quantile");
        problems.require(comparison != null, "condition", comparison, "one of >, <, >=, <=");
        problems.require(Double.isFinite(threshold), "threshold", threshold, "a finite number");
        problems.require(window != null && window.compareTo(Duration.ofSeconds(1)) >= 0, "window", window, ">= PT1S");
        problems.require(forDuration != null && !forDuration.isNegative(), "for", forDuration, ">= PT0S");
        problems.require(severity != null && SEVERITIES.contains(severity), "severity", severity, "info, warning or critical");
        webhook.ifPresent(uri -> problems.require("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()),
                "webhook", uri, "an http or https URL"));
        problems.throwIfAny("alert rule");
    }

    /** "keel_drift_psi{endpoint=x} max over PT5M > 0.25". */
    public String describe() {
        return metric + (match.isEmpty() ? "" : new java.util.TreeMap<>(match).toString()) + " "
                + aggregation.jsonName() + " over " + window + " " + comparison.symbol() + " " + threshold;
    }
}
