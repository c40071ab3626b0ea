package dev.keel.server.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.core.error.KeelException;
import dev.keel.train.tracking.Experiment;
import dev.keel.train.tracking.MetricPoint;
import dev.keel.train.tracking.Run;
import dev.keel.train.tracking.RunInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tracking records in MLflow's JSON shapes (only fields MLflow's protobuf messages define, since strict
 * clients reject unknown ones) and MLflow's key/value lists back into maps.
 */
final class MlflowJson {
    private final ObjectMapper json;

    MlflowJson(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    ObjectNode experiment(Experiment e) {
        ObjectNode node = json.createObjectNode();
        node.put("experiment_id", e.id());
        node.put("name", e.name());
        node.put("artifact_location", e.artifactLocation());
        node.put("lifecycle_stage", e.lifecycleStage().wireName());
        node.put("last_update_time", e.updatedAt().toEpochMilli());
        node.put("creation_time", e.createdAt().toEpochMilli());
        keyValues(node.putArray("tags"), e.tags());
        return node;
    }

    ObjectNode runInfo(RunInfo info) {
        ObjectNode node = json.createObjectNode();
        node.put("run_id", info.id());
        node.put("run_uuid", info.id());
        node.put("run_name", info.name());
        node.put("experiment_id", info.experimentId());
        node.put("user_id", info.userId());
        node.put("status", info.status().name());
        node.put("start_time", info.startTime().toEpochMilli());
        if (info.endTime() != null) {
            node.put("end_time", info.endTime().toEpochMilli());
        }
        node.put("artifact_uri", info.artifactUri());
        node.put("lifecycle_stage", info.lifecycleStage().wireName());
        return node;
    }

    ObjectNode run(Run run) {
        ObjectNode node = json.createObjectNode();
        node.set("info", runInfo(run.info()));
        ObjectNode data = node.putObject("data");
        ArrayNode metrics = data.putArray("metrics");
        run.latestMetrics().forEach(point -> metrics.add(metric(point)));
        keyValues(data.putArray("params"), run.params());
        keyValues(data.putArray("tags"), run.tags());
        return node;
    }

    ObjectNode metric(MetricPoint point) {
        ObjectNode node = json.createObjectNode();
        node.put("key", point.key());
        double value = point.value();
        // Protobuf's JSON spells non-finite doubles as strings.
        if (Double.isNaN(value)) {
            node.put("value", "NaN");
        } else if (Double.isInfinite(value)) {
            node.put("value", value > 0 ? "Infinity" : "-Infinity");
        } else {
            node.put("value", value);
        }
        node.put("timestamp", point.timestamp());
        node.put("step", point.step());
        return node;
    }

    private static void keyValues(ArrayNode array, Map<String, String> values) {
        values.forEach((key, value) -> array.addObject().put("key", key).put("value", value));
    }

    /** MLflow's {@code [{"key":…,"value":…}]} list as a map; a later duplicate key wins. */
    static Map<String, String> keyValueList(String field, JsonNode array) {
        Map<String, String> result = new LinkedHashMap<>();
        if (array == null || array.isMissingNode() || array.isNull()) {
            return result;
        }
        if (!array.isArray()) {
            throw KeelException.invalid(field + ": " + array + " (expected: a list of {key, value})");
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.path("key").isValueNode() || !item.path("value").isValueNode()) {
                throw KeelException.invalid(field + "[" + i + "]: " + item + " (expected: {\"key\": …, \"value\": …})");
            }
            result.put(item.path("key").asText(), item.path("value").asText());
        }
        return result;
    }

    static List<MetricPoint> metricList(JsonNode array, long defaultTimestamp) {
        if (array == null || array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw KeelException.invalid("metrics: " + array + " (expected: a list of {key, value, timestamp, step})");
        }
        java.util.ArrayList<MetricPoint> points = new java.util.ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            String field = "metrics[" + i + "]";
            if (!item.path("key").isValueNode() || !item.path("value").isValueNode()) {
                throw KeelException.invalid(field + ": " + item + " (expected: {\"key\", \"value\", \"timestamp\", \"step\"})");
            }
            points.add(new MetricPoint(item.path("key").asText(), parseDouble(field + ".value", item.path("value").asText()),
                    parseLong(field + ".step", item.path("step"), 0),
                    parseLong(field + ".timestamp", item.path("timestamp"), defaultTimestamp)));
        }
        return points;
    }

    static double parseDouble(String field, String text) {
        return switch (text.trim()) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text.trim());
                } catch (NumberFormatException e) {
                    throw KeelException.invalid(field + ": " + text + " (expected: a number, NaN or Infinity)");
                }
            }
        };
    }

    private static long parseLong(String field, JsonNode node, long fallback) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        try {
            return Long.parseLong(node.asText().trim());
        } catch (NumberFormatException e) {
            throw KeelException.invalid(field + ": " + node + " (expected: an integer, as a number or a string)");
        }
    }
}
