package dev.keel.client.jobs;

import java.time.Instant;
import java.util.List;

/** A training job as the server shows it; {@code state} is queued, running, succeeded, failed or cancelled. */
public record Job(String id, String state, String reason, String dataset, String experiment, String runId,
        String studyId, String specHash, int attempt, boolean resumed, String submittedBy, String executor, String worker,
        Progress progress, Integer exitCode, Instant createdAt, Instant startedAt, Instant endedAt, Instant updatedAt) {
    /** The latest progress the worker reported; {@code loss} and {@code samplesPerSecond} are null before step 1. */
    public record Progress(long step, long totalSteps, int epoch, Double loss, Double samplesPerSecond) {}

    public boolean ended() {
        return List.of("succeeded", "failed", "cancelled").contains(state);
    }
}
