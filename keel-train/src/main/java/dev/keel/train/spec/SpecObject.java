package dev.keel.train.spec;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.keel.core.config.Suggestions;
import dev.keel.core.error.Problems;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one JSON object of a spec field by field, recording every bad value with its path
 * ({@code model.layers[2].units: -4 (expected: >= 1)}) instead of stopping at the first, and reporting keys
 * nobody asked for (with a did-you-mean) when {@link #finish()} is called. Architecture providers use it to
 * read their own options.
 */
public final class SpecObject {
    private final JsonNode node;
    private final String path;
    private final Problems problems;
    private final Set<String> read = new LinkedHashSet<>();

    public SpecObject(JsonNode node, String path, Problems problems) {
        this.path = requireNonNull(path, "path is null");
        this.problems = requireNonNull(problems, "problems is null");
        if (node == null || node.isMissingNode() || node.isNull()) {
            this.node = JsonNodeFactory.instance.objectNode();
        } else if (!node.isObject()) {
            problems.add(path.isEmpty() ? "spec" : path, abbreviate(node), "an object");
            this.node = JsonNodeFactory.instance.objectNode();
        } else {
            this.node = node;
        }
    }

    public String path() {
        return path;
    }

    public Problems problems() {
        return problems;
    }

    /** The path of a key of this object. */
    public String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /** The raw value of a key ({@link MissingNode} when absent); marks it read. */
    public JsonNode raw(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? MissingNode.getInstance() : value;
    }

    public String string(String key, String fallback) {
        JsonNode value = raw(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isValueNode() || value.isBoolean()) {
            problems.add(field(key), abbreviate(value), "a string");
            return fallback;
        }
        return value.asText();
    }

    public String requiredString(String key, String expected) {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            if (!raw(key).isMissingNode() && value == null) {
                return null; // already reported as not a string
            }
            problems.add(field(key), value == null ? "missing" : "\"" + value + "\"", expected);
            return null;
        }
        return value;
    }

    /** One of {@code allowed} (case-insensitive, returned as written in {@code allowed}). */
    public String choice(String key, String fallback, List<String> allowed) {
        String value = string(key, fallback);
        if (value == null) {
            return null;
        }
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        String expected = "one of " + String.join(", ", allowed)
                + Suggestions.closest(value, allowed).map(s -> "; did you mean " + s + "?").orElse("");
        problems.add(field(key), value, expected);
        return fallback;
    }

    public int integer(String key, int fallback, int min) {
        return (int) longValue(key, fallback, min, Integer.MAX_VALUE);
    }

    public long longValue(String key, long fallback, long min, long max) {
        JsonNode value = raw(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        return checkedLong(value, field(key), fallback, min, max);
    }

    private long checkedLong(JsonNode value, String field, long fallback, long min, long max) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problems.add(field, abbreviate(value), "an integer");
            return fallback;
        }
        long number = value.asLong();
        if (number < min) {
            problems.add(field, number, ">= " + min);
            return fallback;
        }
        if (number > max) {
            problems.add(field, number, "<= " + max);
            return fallback;
        }
        return number;
    }

    /** A number in {@code [min, max]}, or in {@code (min, max]} when {@code exclusiveMin}. */
    public double number(String key, double fallback, double min, double max, boolean exclusiveMin) {
        JsonNode value = raw(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isNumber()) {
            problems.add(field(key), abbreviate(value), "a number");
            return fallback;
        }
        double number = value.asDouble();
        boolean tooSmall = exclusiveMin ? !(number > min) : !(number >= min);
        if (tooSmall || !(number <= max)) {
            String lower = (exclusiveMin ? "> " : ">= ") + format(min);
            problems.add(field(key), format(number), max == Double.MAX_VALUE ? lower : lower + " and <= " + format(max));
            return fallback;
        }
        return number;
    }

    public boolean bool(String key, boolean fallback) {
        JsonNode value = raw(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problems.add(field(key), abbreviate(value), "true or false");
            return fallback;
        }
        return value.asBoolean();
    }

    public List<Integer> integers(String key, List<Integer> fallback, int min) {
        JsonNode value = raw(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isArray()) {
            problems.add(field(key), abbreviate(value), "a list of integers");
            return fallback;
        }
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            numbers.add((int) checkedLong(value.get(i), field(key) + "[" + i + "]", min, min, Integer.MAX_VALUE));
        }
        return List.copyOf(numbers);
    }

    /** A string or a list of strings. */
    public List<String> strings(String key, List<String> fallback) {
        JsonNode value = raw(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (value.isTextual()) {
            return List.of(value.asText());
        }
        if (!value.isArray()) {
            problems.add(field(key), abbreviate(value), "a string or a list of strings");
            return fallback;
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isValueNode() || element.isNull()) {
                problems.add(field(key) + "[" + i + "]", abbreviate(element), "a string");
            } else {
                strings.add(element.asText());
            }
        }
        return List.copyOf(strings);
    }

    public SpecObject object(String key) {
        return new SpecObject(raw(key), field(key), problems);
    }

    /** A list of objects; each element's path is {@code key[i]}. */
    public List<SpecObject> objects(String key) {
        JsonNode value = raw(key);
        if (value.isMissingNode()) {
            return List.of();
        }
        if (!value.isArray()) {
            problems.add(field(key), abbreviate(value), "a list of objects");
            return List.of();
        }
        List<SpecObject> objects = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            objects.add(new SpecObject(value.get(i), field(key) + "[" + i + "]", problems));
        }
        return objects;
    }

    /** Reports every key of this object that no read asked for, suggesting the closest known key. */
    public void finish() {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            if (!read.contains(key)) {
                String expected = read.isEmpty() ? "no keys here" : "one of " + String.join(", ", read)
                        + Suggestions.closest(key, read).map(s -> "; did you mean " + s + "?").orElse("");
                problems.add(field(key), "unknown key", expected);
            }
        }
    }

    static String format(double number) {
        return number == Math.rint(number) && Math.abs(number) < 1e15 ? Long.toString((long) number)
                : Double.toString(number);
    }

    static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
