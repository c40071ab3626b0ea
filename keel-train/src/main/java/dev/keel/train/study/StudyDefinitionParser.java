package dev.keel.train.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.keel.core.error.KeelException;
import dev.keel.core.error.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a study from YAML or JSON, reporting every problem at once:
 *
 * <pre>
 * name: lr-search
 * spec: { … a training spec … }
 * searchSpace:
 *   training.optimizer.learningRate: {type: logUniform, low: 0.0001, high: 0.1}
 *   model.layers[0].units: {type: choice, values: [32, 64]}
 *   training.batchSize: {type: int, low: 16, high: 64, step: 16}
 * algorithm: {type: random, seed: 7}        # or {type: grid, pointsPerRange: 3}
 * maxTrials: 8
 * parallelism: 2
 * objective: {metric: val_accuracy, direction: maximize}
 * earlyStopping: {type: median, minPoints: 2, minTrials: 2}   # or {type: none}
 * </pre>
 */
public final class StudyDefinitionParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> KEYS = Set.of("name", "spec", "searchSpace", "algorithm", "maxTrials", "parallelism",
            "objective", "earlyStopping");

    public StudyDefinition parse(String text) {
        JsonNode tree;
        try {
            tree = text.stripLeading().startsWith("{") ? JSON.readTree(text) : YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw KeelException.invalid("study: not valid YAML or JSON: " + e.getOriginalMessage());
        }
        if (!(tree instanceof ObjectNode root)) {
            throw KeelException.invalid("study: " + (tree == null ? "empty" : tree.getNodeType()) + " (expected: an object)");
        }
        return parse(root);
    }

    public StudyDefinition parse(ObjectNode root) {
        Problems problems = new Problems();
        root.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                problems.add(key, "(unknown key)", "one of " + new java.util.TreeSet<>(KEYS));
            }
        });
        String name = root.path("name").asText("");
        problems.require(name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}"), "name", name,
                "1-100 letters, digits, '.', '_', '-'");
        JsonNode spec = root.get("spec");
        problems.require(spec instanceof ObjectNode, "spec", spec == null ? null : spec.getNodeType(),
                "the base training spec as an object");
        SearchSpace space = readSpace(root.get("searchSpace"), problems);
        JsonNode algorithmNode = root.path("algorithm");
        String algorithmName = algorithmNode.isTextual() ? algorithmNode.asText() : algorithmNode.path("type").asText("random");
        SearchAlgorithm algorithm = switch (algorithmName) {
            case "random" -> new RandomSearch(algorithmNode.path("seed").asLong(0));
            case "grid" -> {
                int points = algorithmNode.path("pointsPerRange").asInt(3);
                problems.require(points >= 1, "algorithm.pointsPerRange", points, ">= 1");
                yield new GridSearch(Math.max(1, points));
            }
            default -> {
                problems.add("algorithm.type", algorithmName, "grid or random");
                yield null;
            }
        };
        int maxTrials = intField(root, "maxTrials", 10, problems);
        problems.require(maxTrials >= 1 && maxTrials <= 10_000, "maxTrials", maxTrials, "1..10000");
        int parallelism = intField(root, "parallelism", 1, problems);
        problems.require(parallelism >= 1 && parallelism <= 256, "parallelism", parallelism, "1..256");
        Objective objective = readObjective(root.path("objective"), problems);
        JsonNode stopping = root.path("earlyStopping");
        String stoppingName = stopping.isTextual() ? stopping.asText() : stopping.path("type").asText("none");
        EarlyStoppingPolicy policy = switch (stoppingName) {
            case "none" -> EarlyStoppingPolicy.NONE;
            case "median" -> {
                int minPoints = stopping.path("minPoints").asInt(2);
                int minTrials = stopping.path("minTrials").asInt(2);
                problems.require(minPoints >= 1, "earlyStopping.minPoints", minPoints, ">= 1");
                problems.require(minTrials >= 1, "earlyStopping.minTrials", minTrials, ">= 1");
                yield new MedianStopping(Math.max(1, minPoints), Math.max(1, minTrials));
            }
            default -> {
                problems.add("earlyStopping.type", stoppingName, "none or median");
                yield null;
            }
        };
        problems.throwIfAny("study");
        return new StudyDefinition(name, (ObjectNode) spec, space, algorithmName, algorithm, maxTrials, parallelism,
                objective, stoppingName, policy, root.deepCopy());
    }

    private static SearchSpace readSpace(JsonNode node, Problems problems) {
        if (!(node instanceof ObjectNode object) || object.isEmpty()) {
            problems.add("searchSpace", node == null ? null : node.toString(), "an object of parameter path to range");
            return null;
        }
        Map<String, SearchDimension> dimensions = new LinkedHashMap<>();
        object.properties().forEach(entry -> {
            String field = "searchSpace." + entry.getKey();
            if (!SpecPaths.isValid(entry.getKey())) {
                problems.add(field, entry.getKey(), "a spec path such as training.optimizer.learningRate or model.layers[0].units");
                return;
            }
            JsonNode range = entry.getValue();
            String type = range.path("type").asText("");
            try {
                SearchDimension dimension = switch (type) {
                    case "choice" -> {
                        List<JsonNode> values = new ArrayList<>();
                        range.path("values").forEach(values::add);
                        yield new SearchDimension.Choice(values);
                    }
                    case "uniform" -> new SearchDimension.Uniform(number(range, "low"), number(range, "high"));
                    case "logUniform" -> new SearchDimension.LogUniform(number(range, "low"), number(range, "high"));
                    case "int" -> new SearchDimension.IntRange((long) number(range, "low"), (long) number(range, "high"),
                            range.path("step").asLong(1));
                    default -> throw new IllegalArgumentException("type: " + (type.isEmpty() ? null : type)
                            + " (expected: choice, uniform, logUniform or int)");
                };
                dimensions.put(entry.getKey(), dimension);
            } catch (IllegalArgumentException e) {
                problems.add(field + "." + e.getMessage());
            }
        });
        return dimensions.isEmpty() ? null : new SearchSpace(dimensions);
    }

    private static double number(JsonNode range, String key) {
        JsonNode value = range.get(key);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: a number)");
        }
        return value.asDouble();
    }

    private static Objective readObjective(JsonNode node, Problems problems) {
        String metric = node.path("metric").asText("");
        problems.require(!metric.isBlank(), "objective.metric", metric.isBlank() ? null : metric,
                "a metric the trials log, such as val_accuracy");
        String direction = node.path("direction").asText("");
        Objective.Direction parsed = switch (direction) {
            case "maximize" -> Objective.Direction.MAXIMIZE;
            case "minimize" -> Objective.Direction.MINIMIZE;
            default -> {
                problems.add("objective.direction", direction.isEmpty() ? null : direction, "maximize or minimize");
                yield Objective.Direction.MAXIMIZE;
            }
        };
        return new Objective(metric.isBlank() ? "?" : metric, parsed);
    }

    private static int intField(ObjectNode root, String key, int fallback, Problems problems) {
        JsonNode value = root.get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            problems.add(key, value.toString(), "an integer");
            return fallback;
        }
        return value.asInt();
    }
}
