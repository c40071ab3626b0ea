package dev.keel.monitor.series;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.error.KeelException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A series' labels, kept sorted so that one series has exactly one stored spelling ({@link #json()}). */
public record Labels(SortedMap<String, String> values) {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Labels EMPTY = new Labels(new TreeMap<>());

    public Labels {
        requireNonNull(values, "values is null");
        TreeMap<String, String> copy = new TreeMap<>();
        values.forEach((k, v) -> copy.put(requireNonNull(k, "label name is null"), requireNonNull(v, "label " + k + " is null")));
        values = Collections.unmodifiableSortedMap(copy);
    }

    public static Labels of(Map<String, String> values) {
        return new Labels(new TreeMap<>(values));
    }

    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("namesAndValues: odd count (expected: name, value pairs)");
        }
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Labels(map);
    }

    public static Labels parse(String json) {
        try {
            return new Labels(JSON.readValue(json, new TypeReference<TreeMap<String, String>>() {}));
        } catch (JsonProcessingException e) {
            throw KeelException.invalid("labels: " + json + " (expected: a JSON object of strings)");
        }
    }

    public String json() {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * SQL {@code LIKE} patterns that every stored {@link #json()} holding these labels matches: one
     * {@code %"name":"value"%} per label, escape character {@code !} (JDBI's parser misreads a quoted
     * backslash). A pre-filter for the database; {@link #matches} stays the exact check.
     */
    public static java.util.List<String> likePatterns(Map<String, String> matcher) {
        java.util.List<String> patterns = new java.util.ArrayList<>();
        new TreeMap<>(matcher).forEach((name, value) -> {
            try {
                String pair = JSON.writeValueAsString(name) + ":" + JSON.writeValueAsString(value);
                patterns.add("%" + pair.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
        return patterns;
    }

    /** True when every label of {@code matcher} is present here with the same value. */
    public boolean matches(Map<String, String> matcher) {
        return matcher.entrySet().stream().allMatch(e -> e.getValue().equals(values.get(e.getKey())));
    }

    /** Only the named labels (absent ones are left out): the key a group-by query aggregates under. */
    public Labels only(List<String> names) {
        TreeMap<String, String> kept = new TreeMap<>();
        for (String name : names) {
            String value = values.get(name);
            if (value != null) {
                kept.put(name, value);
            }
        }
        return new Labels(kept);
    }

    public Labels with(String name, String value) {
        TreeMap<String, String> copy = new TreeMap<>(values);
        copy.put(name, value);
        return new Labels(copy);
    }
}
