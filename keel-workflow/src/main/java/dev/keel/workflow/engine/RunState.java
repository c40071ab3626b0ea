package dev.keel.workflow.engine;

import java.util.Locale;

/** Where a pipeline run is; every state but RUNNING is final. */
public enum RunState {
    RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this != RUNNING;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
