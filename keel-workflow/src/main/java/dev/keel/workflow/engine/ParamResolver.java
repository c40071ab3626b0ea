package dev.keel.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.keel.workflow.spec.References;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Replaces the {@code ${…}} references in a step's params with the run's values: upstream outputs, parameters,
 * trigger facts (a manual run's parameter of the same name stands in for a missing trigger fact) and the run id.
 * Collects every reference it cannot resolve.
 */
final class ParamResolver {
    private final PipelineRun run;
    private final Map<String, Map<String, String>> outputs;
    private final List<String> unresolved = new ArrayList<>();

    ParamResolver(PipelineRun run, Map<String, Map<String, String>> outputs) {
        this.run = run;
        this.outputs = outputs;
    }

    ObjectNode resolve(ObjectNode params) {
        return (ObjectNode) walk(params.deepCopy());
    }

    List<String> unresolved() {
        return List.copyOf(unresolved);
    }

    private JsonNode walk(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                field.setValue(walk(field.getValue()));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, walk(array.get(i)));
            }
            return array;
        }
        if (node.isTextual() && node.asText().contains("$")) {
            return TextNode.valueOf(References.substitute(node.asText(), this::lookup));
        }
        return node;
    }

    private String lookup(References.Reference ref) {
        List<String> parts = ref.parts();
        String value = switch (parts.getFirst()) {
            case "steps" -> parts.size() == 4 ? outputs.getOrDefault(parts.get(1), Map.of()).get(parts.get(3)) : null;
            case "params" -> parts.size() == 2 ? run.params().get(parts.get(1)) : null;
            case "trigger" -> parts.size() == 2 ? run.trigger().getOrDefault(parts.get(1), run.params().get(parts.get(1)))
                    : null;
            case "run" -> run.id();
            default -> null;
        };
        if (value == null) {
            unresolved.add(ref.text());
            return ref.text();
        }
        return value;
    }
}
