package dev.keel.core.error;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The one exception type Keel code throws on purpose. {@link #details()} carries every individual problem
 * (for validation: one line per bad field) so callers can show all of them at once.
 */
public class KeelException extends RuntimeException {
    private final ErrorCode code;
    private final List<String> details;

    public KeelException(ErrorCode code, String message) {
        this(code, message, List.of(), null);
    }

    public KeelException(ErrorCode code, String message, Throwable cause) {
        this(code, message, List.of(), cause);
    }

    public KeelException(ErrorCode code, String message, List<String> details) {
        this(code, message, details, null);
    }

    public KeelException(ErrorCode code, String message, List<String> details, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
        this.details = List.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public List<String> details() {
        return details;
    }

    public static KeelException notFound(String what) {
        return new KeelException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static KeelException invalid(String message) {
        return new KeelException(ErrorCode.INVALID_ARGUMENT, message, List.of(message));
    }
}
