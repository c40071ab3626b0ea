package dev.keel.cli;

import dev.keel.client.KeelClientException;

/** The process exit code for each kind of failure, so scripts can react without parsing messages. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int OTHER = 1;
    public static final int INVALID_INPUT = 2;
    public static final int NOT_FOUND = 3;
    public static final int CONFLICT = 4;
    public static final int AUTH = 5;

    private ExitCodes() {}

    public static int of(KeelClientException e) {
        return switch (e.status()) {
            case 400, 413 -> INVALID_INPUT;
            case 401, 403 -> AUTH;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            default -> OTHER;
        };
    }
}
