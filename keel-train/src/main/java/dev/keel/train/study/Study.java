package dev.keel.train.study;

import static java.util.Objects.requireNonNull;

import dev.keel.train.job.JobState;
import java.time.Instant;

/** A stored study. {@code definitionJson} is the study as submitted; the definition is re-parsed from it. */
public record Study(String id, String projectId, String name, JobState state, String reason, String definitionJson,
        String objectiveMetric, String direction, String algorithm, int maxTrials, int parallelism, String createdBy,
        Instant createdAt, Instant updatedAt, Instant endedAt) {
    public Study {
        requireNonNull(id, "id is null");
        requireNonNull(state, "state is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(definitionJson, "definitionJson is null");
    }
}
