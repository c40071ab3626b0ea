package dev.keel.server.serving;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.core.error.KeelException;
import dev.keel.serve.batching.BatchPolicy;
import dev.keel.serve.deploy.CanarySplit;
import dev.keel.serve.deploy.DeploymentSpec;
import dev.keel.serve.deploy.Deployments;
import dev.keel.serve.deploy.Endpoint;
import dev.keel.server.auth.Role;
import dev.keel.server.http.ApiResponse;
import dev.keel.server.http.ApiRouter;
import dev.keel.server.http.ApiRoutes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deployment management under {@code /api/v1/endpoints}: list, deploy (or redeploy with zero downtime), show,
 * undeploy, refresh (re-resolve aliases now). Predict itself is {@link KeelPredictService}.
 */
public final class EndpointApi implements ApiRoutes {
    private final Deployments deployments;

    public EndpointApi(Deployments deployments) {
        this.deployments = requireNonNull(deployments, "deployments is null");
    }

    @Override
    public void register(ApiRouter router) {
        router.get("/endpoints", Role.VIEWER, request -> Map.of("endpoints",
                deployments.list().stream().map(EndpointApi::view).toList()));
        router.post("/endpoints", Role.EDITOR, request -> ApiResponse.created(view(deployments.deploy(
                spec(request.body(JsonNode.class))))));
        router.get("/endpoints/{name}", Role.VIEWER, request -> view(deployments.get(request.pathParam("name"))));
        router.delete("/endpoints/{name}", Role.EDITOR, request -> {
            deployments.undeploy(request.pathParam("name"));
            return null;
        });
        router.post("/endpoints/{name}/refresh", Role.EDITOR, request -> {
            boolean swapped = deployments.refresh(request.pathParam("name"));
            Map<String, Object> body = new LinkedHashMap<>(view(deployments.get(request.pathParam("name"))));
            body.put("swapped", swapped);
            return body;
        });
    }

    static DeploymentSpec spec(JsonNode body) {
        BatchPolicy defaults = BatchPolicy.defaults();
        String endpoint = text(body, "endpoint");
        BatchPolicy policy = new BatchPolicy(
                body.path("maxBatchSize").asInt(defaults.maxBatchSize()),
                Duration.ofNanos(body.path("maxQueueDelayMicros").asLong(defaults.maxQueueDelayMicros()) * 1000),
                body.path("queueCapacity").asInt(defaults.queueCapacity()),
                Duration.ofMillis(body.path("requestTimeoutMillis").asLong(defaults.requestTimeout().toMillis())),
                body.path("workers").asInt(defaults.workers()));
        Optional<CanarySplit> canary = body.hasNonNull("canary")
                ? Optional.of(new CanarySplit(text(body.get("canary"), "reference"), body.get("canary").path("weight").asDouble(-1)))
                : Optional.empty();
        return new DeploymentSpec(endpoint, text(body, "model"), text(body, "reference"), policy,
                body.path("warmupBatches").asInt(3), canary);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw KeelException.invalid(field + ": " + (value == null ? "missing" : value) + " (expected: a string)");
        }
        return value.asText();
    }

    static Map<String, Object> view(Endpoint endpoint) {
        DeploymentSpec spec = endpoint.spec();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("endpoint", endpoint.name());
        view.put("model", spec.model());
        view.put("reference", spec.reference());
        view.put("version", endpoint.version());
        view.put("versions", List.copyOf(endpoint.versions()));
        spec.canary().ifPresent(c -> view.put("canary", Map.of("reference", c.reference(), "weight", c.weight(),
                "version", endpoint.canaryVersion().orElse(endpoint.version()))));
        view.put("maxBatchSize", spec.policy().maxBatchSize());
        view.put("maxQueueDelayMicros", spec.policy().maxQueueDelayMicros());
        view.put("queueCapacity", spec.policy().queueCapacity());
        view.put("requestTimeoutMillis", spec.policy().requestTimeout().toMillis());
        view.put("workers", spec.policy().workers());
        view.put("warmupBatches", spec.warmupBatches());
        view.put("queueDepth", endpoint.queueDepth());
        view.put("signature", endpoint.signature().describe());
        return view;
    }
}
