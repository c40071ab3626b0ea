package dev.keel.server.serving;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.keel.core.error.ErrorCategory;
import dev.keel.core.error.KeelException;
import dev.keel.server.auth.Role;
import dev.keel.server.http.ErrorResponses;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every inference route shares: token check (cached, see {@link InferenceAuth}), body aggregation,
 * an asynchronous handler (the event loop is never blocked waiting for a batch), and errors in the shape of
 * the protocol: Keel's own for {@code /api/v1}, {@code {"error": "…"}} for KServe V1 and OIP v2, TorchServe's
 * {@code {"code", "type", "message"}} for {@code /predictions}. A 429 carries
 * {@code Retry-After}.
 */
final class InferenceHttp {
    private static final Logger log = LoggerFactory.getLogger(InferenceHttp.class);
    static final String RETRY_AFTER_SECONDS = "1";

    @FunctionalInterface
    interface Handler {
        CompletableFuture<HttpResponse> handle(ServiceRequestContext ctx, AggregatedHttpRequest request) throws Exception;
    }

    /** Keel's own error body; {@code {"error": "…"}} (KServe V1, OIP v2); TorchServe's {@code {"code", "type", "message"}}. */
    enum ErrorStyle { KEEL, SIMPLE, TORCHSERVE }

    private final InferenceAuth auth;
    private final ErrorResponses errors;
    private final ObjectMapper json;

    InferenceHttp(InferenceAuth auth, ErrorResponses errors, ObjectMapper json) {
        this.auth = requireNonNull(auth, "auth is null");
        this.errors = requireNonNull(errors, "errors is null");
        this.json = requireNonNull(json, "json is null");
    }

    ObjectMapper json() {
        return json;
    }

    /**
     * Where a prediction's response is built: the request's own event loop. A batch worker completes the
     * prediction futures of a whole batch in turn; building the responses there too (JSON or binary encoding,
     * one after another) would hold up its next batch, while the event loop must write the response anyway, so
     * moving the encoding there costs no extra thread hop.
     */
    static java.util.concurrent.Executor responder(ServiceRequestContext ctx) {
        return ctx.eventLoop().withoutContext();
    }

    HttpService service(Role role, ErrorStyle style, Handler handler) {
        return (ctx, req) -> serve(ctx, req, role, style, handler);
    }

    private HttpResponse serve(ServiceRequestContext ctx, HttpRequest req, Role role, ErrorStyle style, Handler handler) {
        String authorization = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        CompletableFuture<HttpResponse> response = auth.authenticate(authorization, role, ctx.blockingTaskExecutor())
                .thenCombine(req.aggregate(), (principal, body) -> body)
                .thenCompose(body -> {
                    try {
                        return handler.handle(ctx, body);
                    } catch (Exception e) {
                        return CompletableFuture.failedFuture(e);
                    }
                })
                .exceptionally(failure -> error(ctx, style, failure));
        return HttpResponse.of(response);
    }

    HttpResponse ok(Object body) {
        return jsonResponse(HttpStatus.OK, body, Map.of());
    }

    HttpResponse jsonResponse(HttpStatus status, Object body, Map<String, String> headers) {
        try {
            com.linecorp.armeria.common.ResponseHeadersBuilder builder = ResponseHeaders.builder(status).contentType(MediaType.JSON_UTF_8);
            headers.forEach(builder::add);
            return HttpResponse.of(builder.build(), HttpData.wrap(json.writeValueAsBytes(body)));
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    JsonNode readJson(AggregatedHttpRequest request) {
        try {
            JsonNode node = json.readTree(request.content().array());
            if (node == null || !node.isObject()) {
                throw KeelException.invalid("body: " + (node == null ? "empty" : node.getNodeType()) + " (expected: a JSON object)");
            }
            return node;
        } catch (KeelException e) {
            throw e;
        } catch (Exception e) {
            throw KeelException.invalid("body: malformed JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    HttpResponse error(ServiceRequestContext ctx, ErrorStyle style, Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        AggregatedHttpResponse keel = errors.of(ctx, cause);
        HttpStatus status = keel.status();
        AggregatedHttpResponse shaped;
        if (style == ErrorStyle.KEEL) {
            shaped = keel;
        } else {
            String message = cause instanceof KeelException e && status != HttpStatus.INTERNAL_SERVER_ERROR
                    ? e.getMessage()
                    : keel.contentUtf8();
            var body = style == ErrorStyle.SIMPLE
                    ? json.createObjectNode().put("error", message)
                    : json.createObjectNode().put("code", status.code())
                            .put("type", cause instanceof KeelException known ? known.code().name() : "INTERNAL")
                            .put("message", message);
            shaped = AggregatedHttpResponse.of(status, MediaType.JSON_UTF_8,
                    HttpData.wrap(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        if (cause instanceof KeelException e && e.code().category() == ErrorCategory.RESOURCE_EXHAUSTED) {
            shaped = AggregatedHttpResponse.of(shaped.headers().toBuilder()
                    .set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS).build(), shaped.content());
        }
        if (!(cause instanceof KeelException)) {
            log.debug("inference request {} failed", ctx.id(), cause);
        }
        return shaped.toHttpResponse();
    }
}
