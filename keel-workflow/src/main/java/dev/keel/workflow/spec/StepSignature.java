package dev.keel.workflow.spec;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import java.util.TreeSet;

/** What the validator knows of a step type: its name and the params it requires and accepts. */
public record StepSignature(String type, Set<String> required, Set<String> optional) {
    public StepSignature {
        requireNonNull(type, "type is null");
        required = Set.copyOf(required);
        optional = Set.copyOf(optional);
    }

    public Set<String> accepted() {
        Set<String> all = new TreeSet<>(required);
        all.addAll(optional);
        return all;
    }
}
