package dev.keel.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.keel.server.auth.Authenticator;
import dev.keel.server.auth.Principal;
import dev.keel.server.auth.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Registers REST routes under {@code /api/v1}. Every route gets, in order: the concurrency limit (429),
 * token authentication (401) and the role check (403), all before the body is read; then its handler on the
 * blocking executor, with any failure mapped to the one error shape.
 *
 * <p>JSON routes ({@link #get}, {@link #post}, …) read the body whole, up to {@code server.maxRequestBody},
 * under {@code server.requestTimeout}. {@link #streaming} routes hand the handler the body as a stream
 * ({@link ApiRequest#bodyStream()}) limited to {@code server.maxUpload}, with no request timeout.
 */
public final class ApiRouter {
    public static final String PREFIX = "/api/v1";

    /** A registered route, for documentation checks. {@code path} is relative, with {@code {param}}s. */
    public record RouteInfo(HttpMethod method, String path, Role role, boolean streaming) {}

    private final ServerBuilder server;
    private final Authenticator authenticator;
    private final ObjectMapper json;
    private final ErrorResponses errors;
    private final RequestLimiter limiter;
    private final long maxUpload;
    private final List<RouteInfo> routes = new ArrayList<>();

    public ApiRouter(ServerBuilder server, Authenticator authenticator, ObjectMapper json, ErrorResponses errors,
            int maxConcurrentRequests, long maxUpload) {
        this.server = requireNonNull(server, "server is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.json = requireNonNull(json, "json is null");
        this.errors = requireNonNull(errors, "errors is null");
        this.limiter = new RequestLimiter(maxConcurrentRequests);
        this.maxUpload = maxUpload;
    }

    public void get(String path, Role role, ApiHandler handler) {
        add(HttpMethod.GET, path, role, false, handler);
    }

    public void head(String path, Role role, ApiHandler handler) {
        add(HttpMethod.HEAD, path, role, false, handler);
    }

    public void post(String path, Role role, ApiHandler handler) {
        add(HttpMethod.POST, path, role, false, handler);
    }

    public void put(String path, Role role, ApiHandler handler) {
        add(HttpMethod.PUT, path, role, false, handler);
    }

    public void delete(String path, Role role, ApiHandler handler) {
        add(HttpMethod.DELETE, path, role, false, handler);
    }

    /**
     * A route whose request body is streamed (uploads of any size) or whose response may take long
     * (downloads, archives, record streams): no body aggregation and no request timeout.
     */
    public void streaming(HttpMethod method, String path, Role role, ApiHandler handler) {
        add(method, path, role, true, handler);
    }

    public List<RouteInfo> routes() {
        return List.copyOf(routes);
    }

    private void add(HttpMethod method, String path, Role role, boolean streaming, ApiHandler handler) {
        requireNonNull(role, "role is null");
        requireNonNull(handler, "handler is null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path: " + path + " (expected: starting with /)");
        }
        routes.add(new RouteInfo(method, path, role, streaming));
        HttpService service = (ctx, req) -> serve(ctx, req, role, streaming, handler);
        var route = server.route().methods(method).path(PREFIX + path);
        if (streaming) {
            // Size is enforced by ApiRequest.bodyStream() instead, so the 413 carries Keel's error shape.
            route.maxRequestLength(0).requestTimeout(Duration.ZERO);
        }
        route.build(service);
    }

    private HttpResponse serve(ServiceRequestContext ctx, HttpRequest req, Role role, boolean streaming,
            ApiHandler handler) {
        try {
            limiter.acquire();
        } catch (RuntimeException e) {
            return errors.of(ctx, e).toHttpResponse();
        }
        ctx.log().whenComplete().thenRun(limiter::release);
        String authorization = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        CompletableFuture<HttpResponse> response;
        if (streaming) {
            response = CompletableFuture.supplyAsync(() -> {
                Principal principal = authenticator.authenticate(authorization, role);
                return run(ctx, new ApiRequest(ctx, principal, json, null, req, maxUpload), handler);
            }, ctx.blockingTaskExecutor());
        } else {
            response = CompletableFuture.supplyAsync(() -> authenticator.authenticate(authorization, role),
                            ctx.blockingTaskExecutor())
                    .thenCombine(req.aggregate(), (principal, body) -> new Object[] {principal, body})
                    .thenApplyAsync(pair -> run(ctx, new ApiRequest(ctx, (Principal) pair[0], json,
                            ((AggregatedHttpRequest) pair[1]).content().array(), null, maxUpload), handler),
                            ctx.blockingTaskExecutor());
        }
        return HttpResponse.of(response.exceptionally(failure -> errors.of(ctx, failure).toHttpResponse()));
    }

    private HttpResponse run(ServiceRequestContext ctx, ApiRequest request, ApiHandler handler) {
        Object result;
        try {
            result = handler.handle(request);
        } catch (Exception e) {
            return errors.of(ctx, e).toHttpResponse();
        }
        if (result instanceof HttpResponse response) {
            return response;
        }
        if (result == null) {
            return HttpResponse.of(HttpStatus.NO_CONTENT);
        }
        ApiResponse answer = result instanceof ApiResponse r ? r : ApiResponse.ok(result);
        if (answer.body() == null) {
            return HttpResponse.of(answer.status());
        }
        try {
            return HttpResponse.of(answer.status(), MediaType.JSON_UTF_8, json.writeValueAsBytes(answer.body()));
        } catch (Exception e) {
            return errors.of(ctx, e).toHttpResponse();
        }
    }
}
