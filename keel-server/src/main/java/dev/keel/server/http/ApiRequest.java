package dev.keel.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.stream.StreamMessage;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.server.auth.Principal;
import java.io.InputStream;
import java.util.Optional;

/**
 * What a handler sees of a request: the authenticated {@link Principal}, path and query parameters, and the
 * body, either parsed as JSON ({@link #body}) or, on streaming routes, as a size-limited {@link #bodyStream}.
 */
public final class ApiRequest {
    private final ServiceRequestContext ctx;
    private final Principal principal;
    private final ObjectMapper json;
    private final byte[] aggregatedBody;
    private final HttpRequest streamingRequest;
    private final long maxUpload;

    ApiRequest(ServiceRequestContext ctx, Principal principal, ObjectMapper json, byte[] aggregatedBody,
            HttpRequest streamingRequest, long maxUpload) {
        this.ctx = requireNonNull(ctx, "ctx is null");
        this.principal = requireNonNull(principal, "principal is null");
        this.json = json;
        this.aggregatedBody = aggregatedBody;
        this.streamingRequest = streamingRequest;
        this.maxUpload = maxUpload;
    }

    /** The caller; its {@code name()} is what to record as the author of anything the request creates. */
    public Principal principal() {
        return principal;
    }

    public ServiceRequestContext context() {
        return ctx;
    }

    /** A path parameter ({@code {name}} in the route), already percent-decoded. */
    public String pathParam(String name) {
        String value = ctx.pathParam(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return value;
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(ctx.queryParam(name));
    }

    /** An integer query parameter within {@code [min, max]}, INVALID_ARGUMENT naming it otherwise. */
    public int queryInt(String name, int fallback, int min, int max) {
        Optional<String> text = query(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the expected range
        }
        throw KeelException.invalid(name + ": " + text.get() + " (expected: an integer in " + min + ".." + max + ")");
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(ctx.request().headers().get(name));
    }

    /** The declared body size, or -1 when the client streams without one. */
    public long contentLength() {
        return ctx.request().headers().contentLength();
    }

    /** The JSON body as {@code type}; a 400 naming the bad field when it does not fit. Not on streaming routes. */
    public <T> T body(Class<T> type) {
        if (aggregatedBody == null) {
            throw new IllegalStateException("streaming route: use bodyStream()");
        }
        return JsonBodies.read(json, aggregatedBody, type);
    }

    /**
     * The body as a stream, never held whole in memory; reading more than {@code server.maxUpload} fails with
     * PAYLOAD_TOO_LARGE (413). Only on routes registered with {@link ApiRouter#streaming}.
     */
    public InputStream bodyStream() {
        if (streamingRequest == null) {
            throw new IllegalStateException("not a streaming route: use body()");
        }
        long declared = contentLength();
        if (declared > maxUpload) {
            throw LimitedInputStream.tooLarge(maxUpload);
        }
        InputStream raw = new PrefetchingBodyStream(streamingRequest);
        return new LimitedInputStream(raw, maxUpload);
    }

    /**
     * Streams {@code content} to the client from the blocking executor, closing it at the end; use for
     * downloads of any size.
     */
    public HttpResponse streamResponse(MediaType contentType, long contentLength, InputStream content) {
        ResponseHeaders headers = ResponseHeaders.builder(HttpStatus.OK)
                .contentType(contentType)
                .setLong(HttpHeaderNames.CONTENT_LENGTH, contentLength)
                .build();
        if (contentLength < 0) {
            headers = headers.toBuilder().removeAndThen(HttpHeaderNames.CONTENT_LENGTH).build();
        }
        StreamMessage<HttpData> body = StreamMessage.builder(content).executor(ctx.blockingTaskExecutor()).build();
        return HttpResponse.of(headers, body);
    }

    /** Fails with PERMISSION_DENIED unless the caller has {@code role}; for checks that depend on the body. */
    public void requireRole(dev.keel.server.auth.Role role) {
        if (!principal.role().includes(role)) {
            throw new KeelException(ErrorCode.PERMISSION_DENIED, "token " + principal.name() + " has role "
                    + principal.role().wireName() + " (expected: " + role.wireName() + ")");
        }
    }
}
