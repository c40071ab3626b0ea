package dev.keel.workflow.spec;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.keel.core.config.HumanDuration;
import dev.keel.core.config.Suggestions;
import dev.keel.core.error.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses a pipeline from YAML or JSON text (JSON is YAML) and validates it, collecting every problem with its path
 * ({@code steps[2].type: trian (expected: one of …; did you mean train?)}) before failing with INVALID_ARGUMENT.
 * Step names are checked against the step types the server offers, passed in as {@link StepSignature}s.
 */
public final class PipelineSpecParser {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Set<String> TOP_KEYS = Set.of("name", "description", "parameters", "triggers", "steps");
    private static final Set<String> STEP_KEYS = Set.of("name", "type", "needs", "params", "timeout", "retries",
            "backoff");
    private static final Set<String> TRIGGER_KINDS = Set.of("dataset", "cron", "manual");
    private static final int MAX_RETRIES = 20;

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final Map<String, StepSignature> types;

    public PipelineSpecParser(Collection<StepSignature> types) {
        Map<String, StepSignature> byName = new LinkedHashMap<>();
        requireNonNull(types, "types is null").forEach(t -> byName.put(t.type(), t));
        this.types = Map.copyOf(byName);
    }

    public PipelineSpec parse(String text) {
        requireNonNull(text, "text is null");
        Problems problems = new Problems();
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add("pipeline", "unreadable YAML/JSON: " + e.getOriginalMessage(), "a YAML or JSON object");
            problems.throwIfAny("pipeline");
            throw new AssertionError("unreachable");
        }
        if (root == null || !root.isObject()) {
            problems.add("pipeline", root == null ? "empty" : root.getNodeType(), "a YAML or JSON object");
            problems.throwIfAny("pipeline");
        }
        unknownKeys(problems, "", root, TOP_KEYS);
        String name = text(root, "name");
        if (name == null) {
            problems.add("name", "missing", "a pipeline name");
        } else if (!NAME.matcher(name).matches()) {
            problems.add("name", name, "lowercase letters, digits, - and _, starting with a letter or digit");
        }
        Map<String, String> parameters = parameters(problems, root.path("parameters"));
        List<TriggerSpec> triggers = triggers(problems, root.path("triggers"));
        List<StepSpec> steps = steps(problems, root.path("steps"), parameters.keySet());
        problems.throwIfAny("pipeline");
        return new PipelineSpec(name, text(root, "description"), parameters, triggers, steps);
    }

    private static Map<String, String> parameters(Problems problems, JsonNode node) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return parameters;
        }
        if (!node.isObject()) {
            problems.add("parameters", node.getNodeType(), "a map of parameter names to default values");
            return parameters;
        }
        node.fields().forEachRemaining(field -> {
            if (!NAME.matcher(field.getKey()).matches()) {
                problems.add("parameters." + field.getKey(), "bad name", "lowercase letters, digits, - and _");
            }
            JsonNode value = field.getValue();
            if (value.isContainerNode()) {
                problems.add("parameters." + field.getKey(), value.getNodeType(), "a scalar default or null");
            }
            parameters.put(field.getKey(), value.isNull() ? null : value.asText());
        });
        return parameters;
    }

    private static List<TriggerSpec> triggers(Problems problems, JsonNode node) {
        List<TriggerSpec> triggers = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return triggers;
        }
        if (!node.isArray()) {
            problems.add("triggers", node.getNodeType(), "a list such as [{dataset: NAME}, {cron: \"0 3 * * *\"}]");
            return triggers;
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "triggers[" + i + "]";
            JsonNode trigger = node.get(i);
            if (!trigger.isObject() || trigger.size() != 1) {
                problems.add(path, trigger, "one of {dataset: NAME}, {cron: EXPRESSION}, {manual: true}");
                continue;
            }
            String kind = trigger.fieldNames().next();
            JsonNode value = trigger.get(kind);
            switch (kind) {
                case "dataset" -> {
                    if (!value.isTextual() || value.asText().isBlank()) {
                        problems.add(path + ".dataset", value, "the name of a dataset");
                    } else {
                        triggers.add(new TriggerSpec.DatasetVersion(value.asText()));
                    }
                }
                case "cron" -> {
                    try {
                        triggers.add(new TriggerSpec.Cron(CronSchedule.parse(value.asText())));
                    } catch (IllegalArgumentException e) {
                        problems.add(path + ".cron: " + e.getMessage());
                    }
                }
                case "manual" -> { }
                default -> problems.add(path, kind, "one of " + TRIGGER_KINDS + didYouMean(kind, TRIGGER_KINDS));
            }
        }
        return triggers;
    }

    private List<StepSpec> steps(Problems problems, JsonNode node, Set<String> parameterNames) {
        List<StepSpec> steps = new ArrayList<>();
        if (!node.isArray() || node.isEmpty()) {
            problems.add("steps", node.isMissingNode() ? "missing" : node.getNodeType(), "a non-empty list of steps");
            return steps;
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode step : node) {
            String stepName = text(step, "name");
            if (stepName != null) {
                names.add(stepName);
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            StepSpec step = step(problems, "steps[" + i + "]", node.get(i), names, parameterNames, seen);
            if (step != null) {
                steps.add(step);
            }
        }
        new Cycles(steps).find().ifPresent(cycle -> problems.add("steps", "cycle " + String.join(" -> ", cycle),
                "an acyclic graph (needs and ${steps.…} references form the edges)"));
        return steps;
    }

    private StepSpec step(Problems problems, String path, JsonNode node, Set<String> names, Set<String> parameters,
            Set<String> seen) {
        if (!node.isObject()) {
            problems.add(path, node.getNodeType(), "a step object with name, type and params");
            return null;
        }
        unknownKeys(problems, path + ".", node, STEP_KEYS);
        String name = text(node, "name");
        if (name == null) {
            problems.add(path + ".name", "missing", "a step name");
        } else if (!NAME.matcher(name).matches()) {
            problems.add(path + ".name", name, "lowercase letters, digits, - and _");
        } else if (!seen.add(name)) {
            problems.add(path + ".name", name, "a name no other step has");
        }
        String type = text(node, "type");
        StepSignature signature = null;
        if (type == null) {
            problems.add(path + ".type", "missing", "one of " + types.keySet());
        } else if ((signature = types.get(type)) == null) {
            problems.add(path + ".type", type, "one of " + new java.util.TreeSet<>(types.keySet())
                    + didYouMean(type, types.keySet()));
        }
        ObjectNode params = yaml.createObjectNode();
        JsonNode paramsNode = node.path("params");
        if (paramsNode.isObject()) {
            params = (ObjectNode) paramsNode;
        } else if (!paramsNode.isMissingNode() && !paramsNode.isNull()) {
            problems.add(path + ".params", paramsNode.getNodeType(), "a map of params");
        }
        if (signature != null) {
            for (String required : new java.util.TreeSet<>(signature.required())) {
                if (!params.has(required) || params.get(required).isNull()) {
                    problems.add(path + ".params." + required, "missing", "required by step type " + type);
                }
            }
            Set<String> accepted = signature.accepted();
            params.fieldNames().forEachRemaining(key -> {
                if (!accepted.contains(key)) {
                    problems.add(path + ".params." + key, "unknown param", "one of " + accepted
                            + didYouMean(key, accepted));
                }
            });
        }
        Set<String> needs = new LinkedHashSet<>(needs(problems, path, node.path("needs"), names, name));
        references(problems, path + ".params", params, names, parameters, name, needs);
        Duration timeout = duration(problems, path + ".timeout", node.path("timeout"), StepSpec.DEFAULT_TIMEOUT);
        Duration backoff = duration(problems, path + ".backoff", node.path("backoff"), StepSpec.DEFAULT_BACKOFF);
        int retries = 0;
        JsonNode retriesNode = node.path("retries");
        if (!retriesNode.isMissingNode()) {
            if (!retriesNode.canConvertToInt() || retriesNode.asInt() < 0 || retriesNode.asInt() > MAX_RETRIES
                    || !retriesNode.isIntegralNumber()) {
                problems.add(path + ".retries", retriesNode, "an integer 0-" + MAX_RETRIES);
            } else {
                retries = retriesNode.asInt();
            }
        }
        if (name == null || type == null) {
            return null;
        }
        return new StepSpec(name, type, List.copyOf(needs), params, timeout, retries, backoff);
    }

    private static List<String> needs(Problems problems, String path, JsonNode node, Set<String> names, String self) {
        List<String> needs = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return needs;
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        for (int i = 0; i < items.size(); i++) {
            String need = items.get(i).asText();
            String itemPath = path + ".needs[" + i + "]";
            if (!names.contains(need)) {
                problems.add(itemPath, need, "the name of another step" + didYouMean(need, names));
            } else if (need.equals(self)) {
                problems.add(itemPath, need, "another step (a step cannot need itself)");
            } else {
                needs.add(need);
            }
        }
        return needs;
    }

    /** Checks every reference in {@code node}; a step-output reference adds its step to {@code needs}. */
    private static void references(Problems problems, String path, JsonNode node, Set<String> names,
            Set<String> parameters, String self, Set<String> needs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> references(problems, path + "." + f.getKey(), f.getValue(), names,
                    parameters, self, needs));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                references(problems, path + "[" + i + "]", node.get(i), names, parameters, self, needs);
            }
        } else if (node.isTextual()) {
            for (References.Reference ref : References.find(node.asText())) {
                checkReference(problems, path, ref, names, parameters, self, needs);
            }
        }
    }

    private static void checkReference(Problems problems, String path, References.Reference ref, Set<String> names,
            Set<String> parameters, String self, Set<String> needs) {
        List<String> parts = ref.parts();
        switch (parts.getFirst()) {
            case "steps" -> {
                if (parts.size() != 4 || !parts.get(2).equals("outputs") || parts.get(3).isBlank()) {
                    problems.add(path, ref.text(), "${steps.STEP.outputs.KEY}");
                } else if (!names.contains(parts.get(1))) {
                    problems.add(path, ref.text(), "a reference to an existing step"
                            + didYouMean(parts.get(1), names));
                } else if (parts.get(1).equals(self)) {
                    problems.add(path, ref.text(), "a reference to another step's outputs, not the step's own");
                } else {
                    needs.add(parts.get(1));
                }
            }
            case "params" -> {
                if (parts.size() != 2 || !parameters.contains(parts.get(1))) {
                    problems.add(path, ref.text(), "a declared parameter, one of " + parameters
                            + (parts.size() == 2 ? didYouMean(parts.get(1), parameters) : ""));
                }
            }
            case "trigger" -> {
                if (parts.size() != 2 || !References.TRIGGER_KEYS.contains(parts.get(1))) {
                    problems.add(path, ref.text(), "${trigger.KEY} with KEY one of " + References.TRIGGER_KEYS);
                }
            }
            case "run" -> {
                if (parts.size() != 2 || !parts.get(1).equals("id")) {
                    problems.add(path, ref.text(), "${run.id}");
                }
            }
            default -> problems.add(path, ref.text(),
                    "${steps.STEP.outputs.KEY}, ${params.NAME}, ${trigger.KEY} or ${run.id}");
        }
    }

    private static Duration duration(Problems problems, String path, JsonNode node, Duration fallback) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        try {
            Duration value = HumanDuration.parse(node.asText());
            if (value.isZero()) {
                problems.add(path, node.asText(), "a positive duration");
            }
            return value;
        } catch (IllegalArgumentException e) {
            problems.add(path, node.asText(), "a duration such as 500ms, 30s, 5m, 1h");
            return fallback;
        }
    }

    private static void unknownKeys(Problems problems, String prefix, JsonNode node, Set<String> known) {
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                problems.add(prefix + key, "unknown key", "one of " + new java.util.TreeSet<>(known)
                        + didYouMean(key, known));
            }
        });
    }

    private static String didYouMean(String value, Collection<String> candidates) {
        return Suggestions.closest(value, candidates).map(s -> "; did you mean " + s + "?").orElse("");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
