package dev.keel.workflow.engine;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A pipeline as last applied; {@code version} counts the applies. */
public record Pipeline(String id, String name, int version, String specText, String createdBy, Instant createdAt,
        Instant updatedAt) {
    public Pipeline {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(specText, "specText is null");
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }
}
