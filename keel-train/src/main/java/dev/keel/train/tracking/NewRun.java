package dev.keel.train.tracking;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * What creating a run takes. {@code name}, {@code startTime} and {@code provenanceJson} may be null (a name
 * is generated, the clock gives the start time); {@code status} is usually RUNNING, or SCHEDULED for a
 * queued training job.
 */
public record NewRun(
        String experimentId,
        String name,
        String userId,
        Instant startTime,
        RunStatus status,
        Map<String, String> params,
        Map<String, String> tags,
        RunLineage lineage,
        String provenanceJson) {
    public NewRun {
        requireNonNull(experimentId, "experimentId is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(status, "status is null");
        params = Map.copyOf(params);
        tags = Map.copyOf(tags);
        requireNonNull(lineage, "lineage is null");
    }

    /** A plain RUNNING run, as an external client (MLflow) creates it. */
    public static NewRun of(String experimentId, String name, String userId, Instant startTime, Map<String, String> tags) {
        return new NewRun(experimentId, name, userId, startTime, RunStatus.RUNNING, Map.of(), tags, RunLineage.NONE, null);
    }
}
