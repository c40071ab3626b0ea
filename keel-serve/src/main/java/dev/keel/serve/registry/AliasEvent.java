package dev.keel.serve.registry;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One entry of an alias's append-only audit log: who moved it, when, from which version to which (empty
 * {@code from} = first assignment, empty {@code to} = removal).
 */
public record AliasEvent(String modelName, String alias, long sequence, Optional<Integer> fromVersion,
                         Optional<Integer> toVersion, String actor, Optional<String> reason, long at) {
    public AliasEvent {
        requireNonNull(modelName, "modelName is null");
        requireNonNull(alias, "alias is null");
        requireNonNull(fromVersion, "fromVersion is null");
        requireNonNull(toVersion, "toVersion is null");
        requireNonNull(actor, "actor is null");
        requireNonNull(reason, "reason is null");
    }
}
