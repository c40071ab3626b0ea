package dev.keel.workflow.engine;

import java.util.Locale;

/**
 * Where a step run is. PENDING waits for its upstream steps (or for a retry's backoff); SKIPPED means an upstream
 * step did not succeed, so it never ran.
 */
public enum StepState {
    PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED, CANCELLED;

    public boolean isTerminal() {
        return this != PENDING && this != RUNNING;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
