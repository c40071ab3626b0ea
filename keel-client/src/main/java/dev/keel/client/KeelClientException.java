package dev.keel.client;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A failed call: the server's error ({@code status}, {@code code}, {@code message}, {@code details}) or, with
 * status 0 and code {@code UNAVAILABLE}, a server that could not be reached at all.
 */
public class KeelClientException extends RuntimeException {
    private final int status;
    private final String code;
    private final List<String> details;

    public KeelClientException(int status, String code, String message, List<String> details) {
        this(status, code, message, details, null);
    }

    public KeelClientException(int status, String code, String message, List<String> details, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.status = status;
        this.code = requireNonNull(code, "code is null");
        this.details = List.copyOf(details);
    }

    /** The HTTP status, or 0 when no answer came back. */
    public int status() {
        return status;
    }

    /** The server's {@code ErrorCode} name, such as {@code NOT_FOUND}. */
    public String code() {
        return code;
    }

    public List<String> details() {
        return details;
    }
}
