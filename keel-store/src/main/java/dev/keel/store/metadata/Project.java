package dev.keel.store.metadata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A namespace for datasets, experiments and models. {@code description} may be null. */
public record Project(String id, String name, String description, Instant createdAt) {
    /** The project every installation starts with (created by the V1 migration). */
    public static final String DEFAULT_ID = "default";

    public Project {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
