package dev.keel.core.error;

import static java.util.Objects.requireNonNull;

/** Every error Keel reports, each with the category that decides how adapters answer it. */
public enum ErrorCode {
    INVALID_ARGUMENT(ErrorCategory.INVALID_INPUT),
    MALFORMED_DATA(ErrorCategory.INVALID_INPUT),
    HASH_MISMATCH(ErrorCategory.INVALID_INPUT),
    TRUNCATED_UPLOAD(ErrorCategory.INVALID_INPUT),
    UNAUTHENTICATED(ErrorCategory.UNAUTHENTICATED),
    PERMISSION_DENIED(ErrorCategory.PERMISSION_DENIED),
    NOT_FOUND(ErrorCategory.NOT_FOUND),
    ALREADY_EXISTS(ErrorCategory.CONFLICT),
    CONCURRENT_MODIFICATION(ErrorCategory.CONFLICT),
    IN_USE(ErrorCategory.CONFLICT),
    PAYLOAD_TOO_LARGE(ErrorCategory.TOO_LARGE),
    RATE_LIMITED(ErrorCategory.RESOURCE_EXHAUSTED),
    STORE_UNAVAILABLE(ErrorCategory.UNAVAILABLE),
    /** A request waited past its deadline (e.g. in a serving queue) and was never computed. */
    DEADLINE_EXCEEDED(ErrorCategory.UNAVAILABLE),
    /** The component is shutting down or not ready for traffic. */
    NOT_READY(ErrorCategory.UNAVAILABLE),
    CORRUPT_BLOB(ErrorCategory.INTERNAL),
    INTERNAL(ErrorCategory.INTERNAL);

    private final ErrorCategory category;

    ErrorCode(ErrorCategory category) {
        this.category = requireNonNull(category, "category is null");
    }

    public ErrorCategory category() {
        return category;
    }
}
