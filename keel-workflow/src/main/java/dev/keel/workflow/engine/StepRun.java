package dev.keel.workflow.engine;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * One step of a run as stored. {@code params} is the JSON of the params with references resolved (null until the
 * step first starts); {@code owner}/{@code leaseUntil} name the server running it; {@code notBefore} holds a
 * retry back; {@code externalRef} is what it started outside the engine (a job id), for re-attaching.
 */
public record StepRun(String runId, String stepName, String stepType, int position, StepState state, String reason,
        int attempt, int maxAttempts, String params, Map<String, String> outputs, String log, String owner,
        Instant leaseUntil, Instant notBefore, String externalRef, Instant startedAt, Instant endedAt,
        Instant updatedAt) {
    public StepRun {
        requireNonNull(runId, "runId is null");
        requireNonNull(stepName, "stepName is null");
        requireNonNull(stepType, "stepType is null");
        requireNonNull(state, "state is null");
        requireNonNull(reason, "reason is null");
        outputs = Map.copyOf(outputs);
        requireNonNull(log, "log is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }
}
