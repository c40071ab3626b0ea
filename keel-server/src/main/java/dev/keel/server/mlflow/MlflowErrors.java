package dev.keel.server.mlflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keel's error codes in MLflow's error shape and statuses (MLflow answers "already exists" with 400). */
final class MlflowErrors {
    private static final Logger log = LoggerFactory.getLogger(MlflowErrors.class);

    private final ObjectMapper json;

    MlflowErrors(ObjectMapper json) {
        this.json = json;
    }

    HttpResponse of(ServiceRequestContext ctx, Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof KeelException e) {
            return switch (e.code().category()) {
                case INVALID_INPUT -> body(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER_VALUE", e.getMessage());
                case NOT_FOUND -> body(HttpStatus.NOT_FOUND, "RESOURCE_DOES_NOT_EXIST", e.getMessage());
                case CONFLICT -> e.code() == ErrorCode.ALREADY_EXISTS
                        ? body(HttpStatus.BAD_REQUEST, "RESOURCE_ALREADY_EXISTS", e.getMessage())
                        : body(HttpStatus.BAD_REQUEST, "INVALID_STATE", e.getMessage());
                case UNAUTHENTICATED -> body(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", e.getMessage());
                case PERMISSION_DENIED -> body(HttpStatus.FORBIDDEN, "PERMISSION_DENIED", e.getMessage());
                case TOO_LARGE -> body(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER_VALUE", e.getMessage());
                case RESOURCE_EXHAUSTED -> body(HttpStatus.TOO_MANY_REQUESTS, "REQUEST_LIMIT_EXCEEDED", e.getMessage());
                case UNAVAILABLE -> body(HttpStatus.SERVICE_UNAVAILABLE, "TEMPORARILY_UNAVAILABLE", e.getMessage());
                case INTERNAL -> internal(ctx, e);
            };
        }
        return internal(ctx, cause);
    }

    private HttpResponse internal(ServiceRequestContext ctx, Throwable cause) {
        String requestId = ctx.id().text();
        log.error("internal error in MLflow request {} ({} {})", requestId, ctx.method(), ctx.path(), cause);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "internal error (request id " + requestId + ")");
    }

    HttpResponse body(HttpStatus status, String code, String message) {
        ObjectNode body = json.createObjectNode();
        body.put("error_code", code);
        body.put("message", message);
        try {
            return HttpResponse.of(status, MediaType.JSON_UTF_8, json.writeValueAsBytes(body));
        } catch (Exception e) {
            throw new IllegalStateException("cannot write an error body", e);
        }
    }
}
