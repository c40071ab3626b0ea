package dev.keel.workflow.engine;

import java.time.Clock;

/** The log of one step attempt while it runs: timestamped lines, the oldest dropped past the store's limit. */
final class StepLog {
    private final StringBuilder text = new StringBuilder();
    private final Clock clock;

    StepLog(String earlier, Clock clock) {
        this.clock = clock;
        text.append(earlier);
    }

    synchronized void append(String line) {
        text.append(clock.instant()).append(' ').append(line).append('\n');
        int excess = text.length() - RunRepository.MAX_LOG_CHARS;
        if (excess > 0) {
            text.delete(0, excess);
        }
    }

    synchronized String text() {
        return text.toString();
    }
}
