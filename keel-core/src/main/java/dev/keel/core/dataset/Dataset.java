package dev.keel.core.dataset;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A named, versioned collection of files inside a project.
 *
 * @param headVersion number of the newest version on the dataset's line, or {@code null} while it has none
 */
public record Dataset(String id, String project, String name, String description, Instant createdAt,
        Integer headVersion) {
    public Dataset {
        requireNonNull(id, "id is null");
        requireNonNull(project, "project is null");
        requireNonNull(name, "name is null");
        description = description == null ? "" : description;
        requireNonNull(createdAt, "createdAt is null");
    }
}
