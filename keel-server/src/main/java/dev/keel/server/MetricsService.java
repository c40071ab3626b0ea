package dev.keel.server;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.prometheus.PrometheusExpositionService;
import dev.keel.server.auth.Authenticator;
import dev.keel.server.auth.Role;
import dev.keel.server.http.ErrorResponses;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CompletableFuture;

/** Prometheus {@code /metrics}, behind a token: metric labels reveal routes and traffic. */
final class MetricsService {
    private MetricsService() {}

    static HttpService create(PrometheusMeterRegistry registry, Authenticator authenticator, ErrorResponses errors) {
        HttpService exposition = PrometheusExpositionService.of(registry.getPrometheusRegistry());
        return (ctx, req) -> {
            String authorization = req.headers().get(HttpHeaderNames.AUTHORIZATION);
            return HttpResponse.of(CompletableFuture.supplyAsync(() -> {
                try {
                    authenticator.authenticate(authorization, Role.VIEWER);
                    return exposition.serve(ctx, req);
                } catch (Exception e) {
                    return errors.of(ctx, e).toHttpResponse();
                }
            }, ctx.blockingTaskExecutor()));
        };
    }
}
