package dev.keel.train.tracking;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A run's attributes (MLflow's {@code RunInfo} plus Keel's lineage). {@code endTime} and
 * {@code statusReason} are null while they are unknown; {@code provenanceJson} is the captured environment.
 */
public record RunInfo(
        String id,
        String experimentId,
        String name,
        RunStatus status,
        String statusReason,
        String userId,
        Instant startTime,
        Instant endTime,
        LifecycleStage lifecycleStage,
        String artifactUri,
        RunLineage lineage,
        String provenanceJson) {
    public RunInfo {
        requireNonNull(id, "id is null");
        requireNonNull(experimentId, "experimentId is null");
        requireNonNull(name, "name is null");
        requireNonNull(status, "status is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(startTime, "startTime is null");
        requireNonNull(lifecycleStage, "lifecycleStage is null");
        requireNonNull(artifactUri, "artifactUri is null");
        requireNonNull(lineage, "lineage is null");
    }
}
