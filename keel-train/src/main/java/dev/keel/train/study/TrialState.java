package dev.keel.train.study;

import java.util.Locale;

/** A trial's state: its job's, plus {@code stopped} when the early-stopping policy ended it. */
public enum TrialState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, STOPPED;

    public boolean isTerminal() {
        return this != QUEUED && this != RUNNING;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
