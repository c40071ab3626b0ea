package dev.keel.train.spec;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An architecture by name and its options, with every default filled in by the architecture's provider (so the
 * stored spec alone rebuilds the model). {@code options} is owned by the record: do not change it.
 */
public record ModelSpec(String architecture, ObjectNode options) {
    public ModelSpec {
        requireNonNull(architecture, "architecture is null");
        requireNonNull(options, "options is null");
    }
}
