package dev.keel.serve.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.core.error.KeelException;
import dev.keel.core.error.Problems;
import dev.keel.serve.runtime.DataType;
import dev.keel.serve.runtime.ModelSignature;
import dev.keel.serve.runtime.TensorSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored and wire form of a signature:
 * {@code {"inputs": [{"name": "x", "dtype": "float32", "shape": [-1, 4]}], "outputs": [...]}}.
 */
public final class SignatureJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SignatureJson() {}

    public static ObjectNode toJson(ModelSignature signature) {
        ObjectNode node = JSON.createObjectNode();
        node.set("inputs", specs(signature.inputs()));
        node.set("outputs", specs(signature.outputs()));
        return node;
    }

    public static String toString(ModelSignature signature) {
        return toJson(signature).toString();
    }

    public static ModelSignature parse(String json) {
        try {
            return fromJson(JSON.readTree(json));
        } catch (IOException e) {
            throw KeelException.invalid("signature: not JSON (" + e.getMessage() + ")");
        }
    }

    /** Reads a signature, reporting every problem (missing names, unknown dtypes, bad dimensions) at once. */
    public static ModelSignature fromJson(JsonNode node) {
        Problems problems = new Problems();
        List<TensorSpec> inputs = specs(node.path("inputs"), "signature.inputs", problems);
        List<TensorSpec> outputs = specs(node.path("outputs"), "signature.outputs", problems);
        problems.throwIfAny("signature");
        try {
            return new ModelSignature(inputs, outputs);
        } catch (IllegalArgumentException e) {
            throw KeelException.invalid("signature." + e.getMessage());
        }
    }

    private static List<TensorSpec> specs(JsonNode array, String field, Problems problems) {
        List<TensorSpec> specs = new ArrayList<>();
        if (!array.isArray() || array.isEmpty()) {
            problems.add(field, array.isMissingNode() ? "missing" : array, "a non-empty list of {name, dtype, shape}");
            return specs;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode spec = array.get(i);
            String at = field + "[" + i + "]";
            String name = spec.path("name").asText("");
            if (name.isBlank()) {
                problems.add(at + ".name", spec.path("name"), "a non-blank tensor name");
            }
            DataType dtype = null;
            try {
                dtype = DataType.fromJsonName(spec.path("dtype").asText(""));
            } catch (KeelException e) {
                problems.add(at + "." + e.getMessage());
            }
            JsonNode shapeNode = spec.path("shape");
            long[] shape = new long[shapeNode.size()];
            boolean shapeOk = shapeNode.isArray();
            for (int d = 0; d < shape.length; d++) {
                shape[d] = shapeNode.get(d).asLong(0);
                shapeOk &= shapeNode.get(d).canConvertToLong() && (shape[d] >= 1 || shape[d] == -1);
            }
            if (!shapeOk) {
                problems.add(at + ".shape", shapeNode, "a list of dimensions >= 1, or -1 for any size");
            }
            if (!name.isBlank() && dtype != null && shapeOk) {
                specs.add(new TensorSpec(name, dtype, shape));
            }
        }
        return specs;
    }

    private static ArrayNode specs(List<TensorSpec> specs) {
        ArrayNode array = JSON.createArrayNode();
        for (TensorSpec spec : specs) {
            ObjectNode node = array.addObject();
            node.put("name", spec.name());
            node.put("dtype", spec.dtype().jsonName());
            ArrayNode shape = node.putArray("shape");
            for (long dimension : spec.shape()) {
                shape.add(dimension);
            }
        }
        return array;
    }
}
