package dev.keel.train.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hyperparameters by spec path ({@code training.optimizer.learningRate}, {@code model.layers[0].units}), kept in
 * sorted path order so grid enumeration and seeded sampling do not depend on how the study file was written.
 */
public record SearchSpace(Map<String, SearchDimension> dimensions) {
    public SearchSpace {
        dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(dimensions)));
        if (dimensions.isEmpty()) {
            throw new IllegalArgumentException("searchSpace: {} (expected: at least one parameter)");
        }
    }

    /** One trial's parameters, in path order. */
    public static Map<String, JsonNode> params(Map<String, JsonNode> values) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(values)));
    }
}
