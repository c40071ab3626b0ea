package dev.keel.core.error;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every validation problem before failing, so a user fixes a spec in one pass rather than one
 * error at a time. Messages follow {@code "field: value (expected: what)"}.
 */
public final class Problems {
    private final List<String> problems = new ArrayList<>();

    public Problems add(String field, Object value, String expected) {
        problems.add(field + ": " + value + " (expected: " + expected + ")");
        return this;
    }

    public Problems add(String message) {
        problems.add(message);
        return this;
    }

    public Problems require(boolean condition, String field, Object value, String expected) {
        if (!condition) {
            add(field, value, expected);
        }
        return this;
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<String> list() {
        return List.copyOf(problems);
    }

    /** Throws an {@link ErrorCode#INVALID_ARGUMENT} listing every problem, if there is any. */
    public void throwIfAny(String what) {
        if (problems.isEmpty()) {
            return;
        }
        String message = problems.size() == 1
                ? problems.getFirst()
                : "invalid " + what + ": " + problems.size() + " problems: " + String.join("; ", problems);
        throw new KeelException(ErrorCode.INVALID_ARGUMENT, message, problems);
    }
}
