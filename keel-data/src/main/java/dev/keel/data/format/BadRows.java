package dev.keel.data.format;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.util.ArrayList;
import java.util.List;

/** Fails on a bad row, or counts it and keeps the first few messages when skipping is asked for. */
final class BadRows {
    static final int EXAMPLES_KEPT = 5;

    private final boolean skip;
    private final List<String> examples = new ArrayList<>();
    private long skipped;

    BadRows(boolean skip) {
        this.skip = skip;
    }

    void report(String message) {
        if (!skip) {
            throw new KeelException(ErrorCode.MALFORMED_DATA, message);
        }
        skipped++;
        if (examples.size() < EXAMPLES_KEPT) {
            examples.add(message);
        }
    }

    long skipped() {
        return skipped;
    }

    List<String> examples() {
        return List.copyOf(examples);
    }
}
