package dev.keel.core.error;

/**
 * The broad kind of a failure. Adapters (HTTP, gRPC, CLI exit codes) map categories, never individual
 * codes, so a new {@link ErrorCode} needs no change in {@code keel-server}.
 */
public enum ErrorCategory {
    INVALID_INPUT,
    UNAUTHENTICATED,
    PERMISSION_DENIED,
    NOT_FOUND,
    CONFLICT,
    TOO_LARGE,
    RESOURCE_EXHAUSTED,
    UNAVAILABLE,
    INTERNAL
}
