package dev.keel.train.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.core.error.KeelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sets hyperparameters in a spec tree by path: {@code training.optimizer.learningRate}, {@code model.layers[0].units}. */
final class SpecPaths {
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private SpecPaths() {}

    static boolean isValid(String path) {
        for (String segment : path.split("\\.", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    /** A copy of {@code base} with every parameter set; INVALID_ARGUMENT when a path crosses a non-object. */
    static ObjectNode apply(ObjectNode base, Map<String, JsonNode> params) {
        ObjectNode spec = base.deepCopy();
        params.forEach((path, value) -> set(spec, path, value));
        return spec;
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        List<Object> steps = new ArrayList<>();
        for (String segment : path.split("\\.")) {
            Matcher m = SEGMENT.matcher(segment);
            if (!m.matches()) {
                throw KeelException.invalid("searchSpace." + path + ": not a spec path");
            }
            steps.add(m.group(1));
            Matcher index = INDEX.matcher(m.group(2));
            while (index.find()) {
                steps.add(Integer.parseInt(index.group(1)));
            }
        }
        JsonNode node = root;
        for (int i = 0; i < steps.size() - 1; i++) {
            Object step = steps.get(i);
            boolean nextIsIndex = steps.get(i + 1) instanceof Integer;
            if (step instanceof String key && node instanceof ObjectNode object) {
                JsonNode child = object.get(key);
                if (child == null || child.isNull()) {
                    child = nextIsIndex ? object.putArray(key) : object.putObject(key);
                }
                node = child;
            } else if (step instanceof Integer index && node instanceof ArrayNode array && index < array.size()) {
                node = array.get(index);
            } else {
                throw KeelException.invalid("searchSpace." + path + ": the base spec has no " + step + " there"
                        + " (expected: a path into the spec's objects and existing list items)");
            }
        }
        Object last = steps.getLast();
        if (last instanceof String key && node instanceof ObjectNode object) {
            object.set(key, value);
        } else if (last instanceof Integer index && node instanceof ArrayNode array && index < array.size()) {
            array.set(index, value);
        } else {
            throw KeelException.invalid("searchSpace." + path + ": the base spec has no " + last + " there"
                    + " (expected: a path into the spec's objects and existing list items)");
        }
    }
}
