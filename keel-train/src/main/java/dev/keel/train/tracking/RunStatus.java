package dev.keel.train.tracking;

import dev.keel.core.error.KeelException;
import java.util.Locale;

/**
 * A run's status, stored under MLflow's names; each also has Keel's job-state name
 * ({@code queued/running/succeeded/failed/cancelled}), and either spelling is accepted on input.
 */
public enum RunStatus {
    SCHEDULED("queued"),
    RUNNING("running"),
    FINISHED("succeeded"),
    FAILED("failed"),
    KILLED("cancelled");

    private final String keelName;

    RunStatus(String keelName) {
        this.keelName = keelName;
    }

    public String keelName() {
        return keelName;
    }

    /** True for FINISHED, FAILED and KILLED: the run has an end time. */
    public boolean isTerminal() {
        return this == FINISHED || this == FAILED || this == KILLED;
    }

    /** Parses MLflow's or Keel's name, any case; INVALID_ARGUMENT naming {@code field} otherwise. */
    public static RunStatus parse(String field, String value) {
        if (value != null) {
            String text = value.trim();
            for (RunStatus status : values()) {
                if (status.name().equalsIgnoreCase(text) || status.keelName.equalsIgnoreCase(text)) {
                    return status;
                }
            }
        }
        throw KeelException.invalid(field + ": " + value + " (expected: one of RUNNING, SCHEDULED, FINISHED, FAILED,"
                + " KILLED or queued, running, succeeded, failed, cancelled)");
    }

    static RunStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
