package dev.keel.train.job;

/**
 * What a worker fetches when it starts: the job attempt, the run to write to, the spec text and the pinned
 * dataset version, and — when resuming — the run artifact holding the checkpoint to continue from (null for a
 * fresh start).
 */
public record WorkerAssignment(String jobId, int attempt, String runId, String specText, String datasetName,
        String datasetVersion, String resumeCheckpoint) {}
