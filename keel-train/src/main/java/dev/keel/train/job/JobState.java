package dev.keel.train.job;

import dev.keel.core.error.KeelException;
import java.util.Arrays;
import java.util.Locale;

/** Where a job is: waiting for a slot, running in a worker, or ended (with a reason saying how). */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState parse(String field, String value) {
        return Arrays.stream(values()).filter(state -> state.wireName().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> KeelException.invalid(field + ": " + value
                        + " (expected: queued, running, succeeded, failed or cancelled)"));
    }
}
