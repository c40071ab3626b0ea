package dev.keel.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.core.error.ErrorCategory;
import dev.keel.core.error.KeelException;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.RequestTimeoutException;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.stream.ClosedStreamException;
import com.linecorp.armeria.server.HttpStatusException;
import com.linecorp.armeria.common.ResponseCompleteException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one error shape, {@code {"error":{"code","message","details"}}}, and the only place an error category
 * becomes an HTTP status. Unexpected exceptions answer "internal error" with the request id; their stack
 * trace goes to the server log, never to the client.
 */
public final class ErrorResponses {
    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private final ObjectMapper json;

    public ErrorResponses(ObjectMapper json) {
        this.json = json;
    }

    public static HttpStatus status(ErrorCategory category) {
        return switch (category) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case RESOURCE_EXHAUSTED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    public AggregatedHttpResponse of(HttpStatus status, String code, String message, List<String> details) {
        ObjectNode root = json.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        details.forEach(error.putArray("details")::add);
        if (details.isEmpty()) {
            error.putArray("details");
        }
        ResponseHeaders headers = ResponseHeaders.builder(status).contentType(MediaType.JSON_UTF_8).build();
        try {
            return AggregatedHttpResponse.of(headers, com.linecorp.armeria.common.HttpData.wrap(json.writeValueAsBytes(root)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot write an error body", e);
        }
    }

    /** Maps any failure of a request to the error shape, logging what the client must not see. */
    public AggregatedHttpResponse of(ServiceRequestContext ctx, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof KeelException e) {
            HttpStatus status = status(e.code().category());
            if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
                return internal(ctx, e);
            }
            return of(status, e.code().name(), e.getMessage(), e.details());
        }
        if (cause instanceof HttpStatusException statusException) {
            Throwable inner = statusException.getCause();
            if (inner instanceof ContentTooLargeException || statusException.httpStatus().code() == 413) {
                return tooLarge(ctx);
            }
            HttpStatus status = statusException.httpStatus();
            if (status.code() < 500) {
                return of(status, "HTTP_" + status.code(), status.reasonPhrase(), List.of());
            }
            return internal(ctx, inner == null ? statusException : inner);
        }
        if (cause instanceof ResponseCompleteException || cause instanceof ClosedStreamException) {
            // The exchange is already over (client went away, response sent): nothing to report.
            return of(HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE", "request closed", List.of());
        }
        if (cause instanceof ContentTooLargeException) {
            return tooLarge(ctx);
        }
        if (cause instanceof RequestTimeoutException) {
            return of(HttpStatus.SERVICE_UNAVAILABLE, "TIMEOUT", "request timed out", List.of());
        }
        return internal(ctx, cause);
    }

    private AggregatedHttpResponse tooLarge(ServiceRequestContext ctx) {
        long limit = ctx == null ? -1 : ctx.maxRequestLength();
        return of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                "request body too large (expected: at most " + limit + " bytes, server.maxRequestBody)", List.of());
    }

    private AggregatedHttpResponse internal(ServiceRequestContext ctx, Throwable cause) {
        String requestId = ctx == null ? "unknown" : ctx.id().text();
        log.error("internal error in request {} ({})", requestId, ctx == null ? "?" : ctx.method() + " " + ctx.path(), cause);
        return of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL", "internal error (request id " + requestId + ")",
                List.of("requestId: " + requestId));
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
