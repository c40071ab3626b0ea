package dev.keel.train.job;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A training job as stored. {@code datasetVersion} is the version number the spec's reference resolved to at
 * submission, so a tag moving later never changes what a job (or its resume) trains on. {@code runId} is the
 * tracked run the job writes to (the same run across resumes). {@code workerHandle} and {@code tokenId} belong
 * to the current attempt; {@code exitCode} is the last worker's exit code when it is known.
 */
public record Job(
        String id,
        String projectId,
        JobState state,
        String reason,
        String specText,
        String specHash,
        String datasetName,
        String datasetVersion,
        String experiment,
        String runId,
        String studyId,
        String submittedBy,
        String executor,
        String workerHandle,
        String tokenId,
        int attempt,
        boolean resume,
        JobProgress progress,
        Integer exitCode,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt,
        Instant updatedAt) {
    public Job {
        requireNonNull(id, "id is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(state, "state is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(specText, "specText is null");
        requireNonNull(specHash, "specHash is null");
        requireNonNull(datasetName, "datasetName is null");
        requireNonNull(datasetVersion, "datasetVersion is null");
        requireNonNull(experiment, "experiment is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(submittedBy, "submittedBy is null");
        requireNonNull(executor, "executor is null");
        requireNonNull(progress, "progress is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt: " + attempt + " (expected: >= 1)");
        }
    }
}
