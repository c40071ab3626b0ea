package dev.keel.server.serving;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.core.error.KeelException;
import dev.keel.serve.runtime.ModelSignature;
import dev.keel.serve.runtime.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * A TorchServe {@code /predictions} body read into model inputs. TorchServe leaves the body to the model's handler,
 * so this accepts every shape a TorchServe client is likely to send for a tensor model (docs/serving.md):
 * <ul>
 * <li>Keel's own {@code {"inputs": …}} and KServe V1's {@code {"instances": […]}};</li>
 * <li>TorchServe's handler convention {@code {"data": …}} or {@code {"body": …}}, whose value is read as below;</li>
 * <li>a bare JSON array: a batch of rows, or one row when it is one level shallower than the first input;</li>
 * <li>for a model of several inputs, an object of input name to row (one row);</li>
 * <li>a JSON string holding base64 of any of the above or of a binary tensor body — what the OpenAPI-generated
 * client sends when handed a {@code byte[]} (Camel's TorchServe component does), since it always speaks JSON;</li>
 * <li>the binary tensor body ({@value BinaryTensors#MEDIA_TYPE}).</li>
 * </ul>
 * {@link #single} says whether one unbatched row came in, so the answer is that row's prediction, not a list.
 */
record TorchServeRequest(Map<String, Tensor> inputs, boolean single) {
    private static final byte[] BINARY_MAGIC = "KTNS".getBytes(StandardCharsets.US_ASCII);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    TorchServeRequest {
        inputs = Map.copyOf(requireNonNull(inputs, "inputs is null"));
    }

    static TorchServeRequest read(ModelSignature signature, byte[] body, boolean binary, ObjectMapper json) {
        if (binary || startsWithMagic(body)) {
            return new TorchServeRequest(BinaryTensors.read(body), false);
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException e) {
            throw KeelException.invalid("body: malformed JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + "; expected: " + expected(signature) + ")");
        }
        if (node == null || node.isMissingNode()) {
            throw KeelException.invalid("body: empty (expected: " + expected(signature) + ")");
        }
        return fromJson(signature, node, json, true);
    }

    private static TorchServeRequest fromJson(ModelSignature signature, JsonNode node, ObjectMapper json, boolean decode) {
        if (node.isTextual() && decode) {
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(node.asText());
            } catch (IllegalArgumentException e) {
                throw KeelException.invalid("body: a JSON string that is not base64 (expected: " + expected(signature) + ")");
            }
            if (startsWithMagic(decoded)) {
                return new TorchServeRequest(BinaryTensors.read(decoded), false);
            }
            try {
                return fromJson(signature, json.readTree(decoded), json, false);
            } catch (IOException e) {
                throw KeelException.invalid("body: base64 of something that is not JSON (expected: " + expected(signature) + ")");
            }
        }
        if (node.isObject()) {
            if (node.has("inputs") || node.has("instances")) {
                return new TorchServeRequest(KServeV1Service.parse(signature, node), false);
            }
            for (String wrapper : new String[] {"data", "body"}) {
                if (node.has(wrapper) && node.size() == 1) {
                    return fromJson(signature, node.get(wrapper), json, decode);
                }
            }
            if (signature.inputs().size() > 1 && allInputNames(signature, node)) {
                return rows(signature, NODES.arrayNode().add(node), true);
            }
        }
        if (node.isArray() && !node.isEmpty()) {
            if (signature.inputs().size() == 1 && depth(node) == signature.inputs().getFirst().rank() - 1) {
                return rows(signature, NODES.arrayNode().add(node), true);
            }
            return rows(signature, node, false);
        }
        throw KeelException.invalid("body: " + describe(node) + " (expected: " + expected(signature) + ")");
    }

    private static TorchServeRequest rows(ModelSignature signature, JsonNode rows, boolean single) {
        ObjectNode instances = NODES.objectNode();
        instances.set("instances", rows);
        return new TorchServeRequest(KServeV1Service.parse(signature, instances), single);
    }

    private static boolean allInputNames(ModelSignature signature, JsonNode node) {
        for (var names = node.fieldNames(); names.hasNext(); ) {
            if (signature.input(names.next()).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static int depth(JsonNode node) {
        int depth = 0;
        for (JsonNode at = node; at != null && at.isArray(); at = at.isEmpty() ? null : at.get(0)) {
            depth++;
        }
        return depth;
    }

    private static boolean startsWithMagic(byte[] body) {
        return body.length >= BINARY_MAGIC.length && Arrays.equals(body, 0, BINARY_MAGIC.length, BINARY_MAGIC, 0, BINARY_MAGIC.length);
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        return text.length() > 40 ? node.getNodeType().name().toLowerCase() : text;
    }

    private static String expected(ModelSignature signature) {
        String rows = signature.inputs().size() == 1
                ? "a row or a list of rows of " + signature.inputs().getFirst().describe()
                : "an object of input name to row, or a list of them";
        return rows + ", {\"data\": …}, {\"instances\": […]} or {\"inputs\": {…}}; signature " + signature.describeInputs();
    }

    @Override
    public String toString() {
        return "TorchServeRequest" + inputs.keySet() + (single ? " (one row)" : "");
    }
}
