package dev.keel.train.job;

/**
 * What a worker reports: {@code running} with progress while it trains, then once {@code succeeded} or
 * {@code failed} with the reason (for example {@code loss diverged at step 812}). Progress may be null.
 */
public record WorkerReport(JobState state, String reason, JobProgress progress) {
    public WorkerReport {
        if (state == null || state == JobState.QUEUED || state == JobState.CANCELLED) {
            throw dev.keel.core.error.KeelException.invalid("state: " + (state == null ? null : state.wireName())
                    + " (expected: running, succeeded or failed)");
        }
    }
}
