package dev.keel.workflow.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a step produced: named outputs later steps reference as {@code ${steps.NAME.outputs.KEY}}. */
public record StepResult(Map<String, String> outputs) {
    public StepResult {
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        outputs.forEach((key, value) -> {
            if (key == null || value == null) {
                throw new IllegalArgumentException("outputs: " + key + "=" + value + " (expected: no nulls)");
            }
        });
    }

    public static StepResult of(Map<String, String> outputs) {
        return new StepResult(outputs);
    }

    public static StepResult empty() {
        return new StepResult(Map.of());
    }
}
