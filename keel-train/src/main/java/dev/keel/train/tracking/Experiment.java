package dev.keel.train.tracking;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/** A named group of runs in a project; {@code name} is unique within the project. */
public record Experiment(
        String id,
        String projectId,
        String name,
        String artifactLocation,
        LifecycleStage lifecycleStage,
        Instant createdAt,
        Instant updatedAt,
        Map<String, String> tags) {
    public Experiment {
        requireNonNull(id, "id is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(name, "name is null");
        requireNonNull(artifactLocation, "artifactLocation is null");
        requireNonNull(lifecycleStage, "lifecycleStage is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        tags = Map.copyOf(tags);
    }
}
