package dev.keel.monitor.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.error.KeelException;
import dev.keel.core.error.Problems;
import dev.keel.monitor.series.Aggregation;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The JSON form of a rule, shared by the store and the API: {@code {"name", "metric", "match": {…},
 * "aggregation": "max", "condition": ">", "threshold": 0.25, "window": "PT5M", "for": "PT1M",
 * "severity": "warning", "labels": {…}, "webhook": "http://…"}}. Parsing reports every bad field at once.
 */
public final class AlertRuleJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertRuleJson() {}

    public static Map<String, Object> toMap(AlertRule rule) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", rule.id());
        map.put("name", rule.name());
        map.put("metric", rule.metric());
        map.put("match", new TreeMap<>(rule.match()));
        map.put("aggregation", rule.aggregation().jsonName());
        map.put("condition", rule.comparison().symbol());
        map.put("threshold", rule.threshold());
        map.put("window", rule.window().toString());
        map.put("for", rule.forDuration().toString());
        map.put("severity", rule.severity());
        map.put("labels", new TreeMap<>(rule.labels()));
        rule.webhook().ifPresent(uri -> map.put("webhook", uri.toString()));
        return map;
    }

    public static String write(AlertRule rule) {
        try {
            return JSON.writeValueAsString(toMap(rule));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static AlertRule read(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return parse(node.path("id").asText(), node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored alert rule is not JSON", e);
        }
    }

    /** A rule from a request body; {@code id} is the one the caller made for it. */
    public static AlertRule parse(String id, JsonNode body) {
        Problems problems = new Problems();
        if (body == null || !body.isObject()) {
            throw KeelException.invalid("body: " + body + " (expected: a JSON object)");
        }
        Aggregation aggregation = body.hasNonNull("aggregation")
                ? enumField(problems, "aggregation", () -> Aggregation.parse(body.get("aggregation").asText()))
                : Aggregation.AVG;
        Comparison comparison = enumField(problems, "condition", () -> Comparison.parse(body.path("condition").asText()));
        double threshold = Double.NaN;
        if (body.path("threshold").isNumber()) {
            threshold = body.get("threshold").asDouble();
        } else {
            problems.add("threshold", body.get("threshold"), "a number");
        }
        Duration window = duration(problems, body, "window", null);
        Duration forDuration = duration(problems, body, "for", Duration.ZERO);
        Optional<URI> webhook = Optional.empty();
        if (body.hasNonNull("webhook")) {
            try {
                webhook = Optional.of(URI.create(body.get("webhook").asText()));
            } catch (IllegalArgumentException e) {
                problems.add("webhook", body.get("webhook").asText(), "an http or https URL");
            }
        }
        Map<String, String> match = strings(problems, body, "match");
        Map<String, String> labels = strings(problems, body, "labels");
        String name = body.path("name").isTextual() ? body.get("name").asText() : null;
        String metric = body.path("metric").isTextual() ? body.get("metric").asText() : null;
        String severity = body.path("severity").isTextual() ? body.get("severity").asText() : "warning";
        if (!problems.isEmpty()) {
            // Report the record's own checks too, so one response names every bad field.
            collectRecordProblems(problems, id, name, metric, severity);
            problems.throwIfAny("alert rule");
        }
        return new AlertRule(id, name, metric, match, aggregation, comparison, threshold, window, forDuration,
                severity, labels, webhook);
    }

    private static void collectRecordProblems(Problems problems, String id, String name, String metric, String severity) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")) {
            problems.add("name", name, "1-100 letters, digits, '_', '.', '-'");
        }
        if (metric == null || metric.isBlank()) {
            problems.add("metric", metric, "a metric name");
        }
        if (!AlertRule.SEVERITIES.contains(severity)) {
            problems.add("severity", severity, "info, warning or critical");
        }
    }

    private static <T> T enumField(Problems problems, String field, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (KeelException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static Duration duration(Problems problems, JsonNode body, String field, Duration fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (fallback == null) {
                problems.add(field, null, "an ISO-8601 duration such as PT5M");
            }
            return fallback;
        }
        try {
            return Duration.parse(node.asText());
        } catch (DateTimeParseException e) {
            problems.add(field, node.asText(), "an ISO-8601 duration such as PT5M");
            return fallback;
        }
    }

    private static Map<String, String> strings(Problems problems, JsonNode body, String field) {
        JsonNode node = body.get(field);
        Map<String, String> map = new TreeMap<>();
        if (node == null || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            problems.add(field, node, "an object of strings");
            return map;
        }
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
