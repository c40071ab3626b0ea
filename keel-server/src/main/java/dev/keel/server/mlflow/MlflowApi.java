package dev.keel.server.mlflow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.keel.core.error.KeelException;
import dev.keel.server.auth.Authenticator;
import dev.keel.server.auth.Principal;
import dev.keel.server.auth.Role;
import dev.keel.train.tracking.TrackingService;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * Registers MLflow's tracking endpoints under {@code /api/2.0/mlflow} (and {@code /ajax-api/2.0/mlflow},
 * which MLflow's own UI uses). Each accepts GET with query parameters and POST with a JSON body, like
 * MLflow's server; reads need a viewer token, writes an editor token.
 */
public final class MlflowApi {
    public static final String PREFIX = "/api/2.0/mlflow";

    private final Authenticator authenticator;
    private final ObjectMapper json = new ObjectMapper();
    private final MlflowErrors errors = new MlflowErrors(json);
    private final MlflowExperimentHandlers experiments;
    private final MlflowRunHandlers runs;

    public MlflowApi(TrackingService tracking, Authenticator authenticator, Clock clock) {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        MlflowJson shapes = new MlflowJson(json);
        this.experiments = new MlflowExperimentHandlers(tracking, shapes);
        this.runs = new MlflowRunHandlers(tracking, shapes, clock);
    }

    public void register(ServerBuilder server) {
        route(server, "experiments/create", Role.EDITOR, experiments::create);
        route(server, "experiments/get", Role.VIEWER, experiments::get);
        route(server, "experiments/get-by-name", Role.VIEWER, experiments::getByName);
        route(server, "experiments/search", Role.VIEWER, experiments::search);
        route(server, "experiments/list", Role.VIEWER, experiments::search);
        route(server, "experiments/update", Role.EDITOR, experiments::update);
        route(server, "experiments/delete", Role.EDITOR, experiments::delete);
        route(server, "experiments/restore", Role.EDITOR, experiments::restore);
        route(server, "experiments/set-experiment-tag", Role.EDITOR, experiments::setTag);
        route(server, "runs/create", Role.EDITOR, runs::create);
        route(server, "runs/get", Role.VIEWER, runs::get);
        route(server, "runs/update", Role.EDITOR, runs::update);
        route(server, "runs/search", Role.VIEWER, runs::search);
        route(server, "runs/delete", Role.EDITOR, runs::delete);
        route(server, "runs/restore", Role.EDITOR, runs::restore);
        route(server, "runs/log-metric", Role.EDITOR, runs::logMetric);
        route(server, "runs/log-parameter", Role.EDITOR, runs::logParameter);
        route(server, "runs/set-tag", Role.EDITOR, runs::setTag);
        route(server, "runs/delete-tag", Role.EDITOR, runs::deleteTag);
        route(server, "runs/log-batch", Role.EDITOR, runs::logBatch);
        route(server, "metrics/get-history", Role.VIEWER, runs::metricHistory);
    }

    private void route(ServerBuilder server, String path, Role role, MlflowHandler handler) {
        for (String prefix : new String[] {PREFIX, "/ajax-api/2.0/mlflow"}) {
            server.route().methods(HttpMethod.GET, HttpMethod.POST).path(prefix + "/" + path)
                    .build((ctx, req) -> HttpResponse.of(req.aggregate().thenApplyAsync(
                            aggregated -> serve(ctx, aggregated, role, handler), ctx.blockingTaskExecutor())));
        }
    }

    private HttpResponse serve(ServiceRequestContext ctx, AggregatedHttpRequest request, Role role, MlflowHandler handler) {
        try {
            Principal principal = authenticator.authenticate(request.headers().get(HttpHeaderNames.AUTHORIZATION), role);
            JsonNode body = parseBody(request);
            JsonNode answer = handler.handle(new MlflowRequest(principal, body, ctx.queryParams()));
            return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, json.writeValueAsBytes(answer));
        } catch (Exception e) {
            return errors.of(ctx, e);
        }
    }

    private JsonNode parseBody(AggregatedHttpRequest request) {
        if (request.content().isEmpty()) {
            return null;
        }
        try {
            return json.readTree(request.content().array());
        } catch (IOException e) {
            throw KeelException.invalid("request body: not valid JSON (" + e.getMessage() + ")");
        }
    }
}
