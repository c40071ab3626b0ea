package dev.keel.server.http;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.util.List;

/**
 * Puts Armeria's own failures (no such route, wrong method, body too large, protocol errors) into Keel's
 * error shape, so clients parse exactly one kind of error body.
 */
public final class KeelErrorHandler implements ServerErrorHandler {
    private final ErrorResponses errors;

    public KeelErrorHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
        return errors.of(ctx, cause).toHttpResponse();
    }

    @Override
    public AggregatedHttpResponse renderStatus(ServiceRequestContext ctx, ServiceConfig config, RequestHeaders headers,
            HttpStatus status, String description, Throwable cause) {
        String method = headers == null ? "?" : headers.method().name();
        String path = headers == null ? "?" : headers.path();
        return switch (status.code()) {
            case 404 -> errors.of(status, "NOT_FOUND", "no such route: " + method + " " + path, List.of());
            case 405 -> errors.of(status, "METHOD_NOT_ALLOWED", "method " + method + " not allowed on " + path, List.of());
            case 413 -> errors.of(status, "PAYLOAD_TOO_LARGE", "request body too large"
                    + (config == null ? "" : " (expected: at most " + config.maxRequestLength() + " bytes)"), List.of());
            case 503 -> errors.of(status, "UNAVAILABLE", description == null ? "service unavailable" : description,
                    List.of());
            default -> status.code() >= 500
                    ? errors.of(ctx, cause == null ? new IllegalStateException(status.toString()) : cause)
                    : errors.of(status, "HTTP_" + status.code(), description == null ? status.reasonPhrase() : description,
                            List.of());
        };
    }

    @Override
    public AggregatedHttpResponse onProtocolViolation(ServiceConfig config, RequestHeaders headers, HttpStatus status,
            String description, Throwable cause) {
        return renderStatus(null, config, headers, status, description, cause);
    }
}
