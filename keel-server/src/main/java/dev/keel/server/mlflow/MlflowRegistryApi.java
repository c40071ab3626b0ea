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
import dev.keel.serve.registry.ModelRegistry;
import dev.keel.server.auth.Authenticator;
import dev.keel.server.auth.Principal;
import dev.keel.server.auth.Role;
import dev.keel.train.tracking.TrackingService;
import java.io.IOException;
import java.util.Map;

/**
 * MLflow's model-registry REST endpoints under {@code /api/2.0/mlflow}, with the tracking API's error shape and
 * auth. MLflow picks the operation by method on one path ({@code registered-models/alias}: POST sets, DELETE
 * removes, GET reads), so each path maps methods to handlers; bodies or query parameters both work.
 */
public final class MlflowRegistryApi {
    private final Authenticator authenticator;
    private final ObjectMapper json = new ObjectMapper();
    private final MlflowErrors errors = new MlflowErrors(json);
    private final MlflowRegistryHandlers handlers;

    public MlflowRegistryApi(ModelRegistry registry, TrackingService tracking, Authenticator authenticator) {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.handlers = new MlflowRegistryHandlers(registry, tracking, json);
    }

    private record Operation(Role role, MlflowHandler handler) {}

    public void register(ServerBuilder server) {
        Operation create = new Operation(Role.EDITOR, handlers::createModel);
        route(server, "registered-models/create", Map.of(HttpMethod.POST, create));
        route(server, "registered-models/get", Map.of(HttpMethod.GET, read(handlers::getModel)));
        route(server, "registered-models/search", Map.of(HttpMethod.GET, read(handlers::searchModels),
                HttpMethod.POST, read(handlers::searchModels)));
        route(server, "registered-models/update", Map.of(HttpMethod.PATCH, write(handlers::updateModel),
                HttpMethod.POST, write(handlers::updateModel)));
        route(server, "registered-models/delete", Map.of(HttpMethod.DELETE, write(handlers::deleteModel),
                HttpMethod.POST, write(handlers::deleteModel)));
        route(server, "registered-models/get-latest-versions", Map.of(HttpMethod.GET, read(handlers::latestVersions),
                HttpMethod.POST, read(handlers::latestVersions)));
        route(server, "registered-models/set-tag", Map.of(HttpMethod.POST, write(handlers::setModelTag)));
        route(server, "registered-models/delete-tag", Map.of(HttpMethod.DELETE, write(handlers::deleteModelTag),
                HttpMethod.POST, write(handlers::deleteModelTag)));
        route(server, "registered-models/alias", Map.of(HttpMethod.POST, write(handlers::setAlias),
                HttpMethod.DELETE, write(handlers::deleteAlias), HttpMethod.GET, read(handlers::getByAlias)));
        route(server, "model-versions/create", Map.of(HttpMethod.POST, write(handlers::createVersion)));
        route(server, "model-versions/get", Map.of(HttpMethod.GET, read(handlers::getVersion)));
        route(server, "model-versions/update", Map.of(HttpMethod.PATCH, write(handlers::updateVersion),
                HttpMethod.POST, write(handlers::updateVersion)));
        route(server, "model-versions/delete", Map.of(HttpMethod.DELETE, write(handlers::deleteVersion),
                HttpMethod.POST, write(handlers::deleteVersion)));
        route(server, "model-versions/search", Map.of(HttpMethod.GET, read(handlers::searchVersions),
                HttpMethod.POST, read(handlers::searchVersions)));
        route(server, "model-versions/set-tag", Map.of(HttpMethod.POST, write(handlers::setVersionTag)));
        route(server, "model-versions/delete-tag", Map.of(HttpMethod.DELETE, write(handlers::deleteVersionTag),
                HttpMethod.POST, write(handlers::deleteVersionTag)));
        route(server, "model-versions/get-download-uri", Map.of(HttpMethod.GET, read(handlers::downloadUri)));
    }

    private static Operation read(MlflowHandler handler) {
        return new Operation(Role.VIEWER, handler);
    }

    private static Operation write(MlflowHandler handler) {
        return new Operation(Role.EDITOR, handler);
    }

    private void route(ServerBuilder server, String path, Map<HttpMethod, Operation> operations) {
        for (String prefix : new String[] {MlflowApi.PREFIX, "/ajax-api/2.0/mlflow"}) {
            server.route().methods(operations.keySet()).path(prefix + "/" + path)
                    .build((ctx, req) -> HttpResponse.of(req.aggregate().thenApplyAsync(
                            aggregated -> serve(ctx, aggregated, operations.get(ctx.method())), ctx.blockingTaskExecutor())));
        }
    }

    private HttpResponse serve(ServiceRequestContext ctx, AggregatedHttpRequest request, Operation operation) {
        try {
            Principal principal = authenticator.authenticate(request.headers().get(HttpHeaderNames.AUTHORIZATION),
                    operation.role());
            JsonNode body = parseBody(request);
            JsonNode answer = operation.handler().handle(new MlflowRequest(principal, body, ctx.queryParams()));
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
