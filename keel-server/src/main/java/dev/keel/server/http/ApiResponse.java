package dev.keel.server.http;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpStatus;

/** A handler's answer when it is not a plain 200: a status and an optional JSON body. */
public record ApiResponse(HttpStatus status, Object body) {
    public ApiResponse {
        requireNonNull(status, "status is null");
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(HttpStatus.CREATED, body);
    }

    public static ApiResponse ok(Object body) {
        return new ApiResponse(HttpStatus.OK, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(HttpStatus.NO_CONTENT, null);
    }
}
