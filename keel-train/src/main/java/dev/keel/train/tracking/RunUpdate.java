package dev.keel.train.tracking;

import java.time.Instant;

/**
 * A partial update of a run: null fields stay as they are. Moving to a terminal status without an end time
 * sets the end time to now; {@code statusReason} says why (for example {@code loss diverged at step 812}).
 */
public record RunUpdate(String name, RunStatus status, String statusReason, Instant endTime) {
    public static RunUpdate status(RunStatus status, String reason) {
        return new RunUpdate(null, status, reason, null);
    }
}
