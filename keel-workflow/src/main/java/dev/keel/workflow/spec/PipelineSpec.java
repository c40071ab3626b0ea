package dev.keel.workflow.spec;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated pipeline: its name, declared parameters with their defaults (null: must be given when run), the
 * triggers that start it and its steps in the order written. Produced by {@link PipelineSpecParser} only after
 * every check passed, so the DAG is acyclic and every reference resolves to a declared name.
 */
public record PipelineSpec(String name, String description, Map<String, String> parameters,
        List<TriggerSpec> triggers, List<StepSpec> steps) {
    public PipelineSpec {
        requireNonNull(name, "name is null");
        description = description == null ? "" : description;
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        triggers = List.copyOf(triggers);
        steps = List.copyOf(steps);
    }

    public Optional<StepSpec> step(String stepName) {
        return steps.stream().filter(s -> s.name().equals(stepName)).findFirst();
    }
}
