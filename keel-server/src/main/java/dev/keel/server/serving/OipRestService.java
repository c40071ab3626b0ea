package dev.keel.server.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.keel.core.error.KeelException;
import dev.keel.serve.deploy.Deployments;
import dev.keel.serve.deploy.Endpoint;
import dev.keel.serve.deploy.Prediction;
import dev.keel.serve.runtime.ModelSignature;
import dev.keel.serve.runtime.Tensor;
import dev.keel.serve.runtime.TensorSpec;
import dev.keel.server.auth.Role;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Open Inference Protocol v2 over REST: server metadata and health, model metadata and readiness, and
 * {@code /infer} with flat {@code data} arrays, each optionally under {@code /versions/{v}}. A model is an
 * endpoint; its versions are the ones serving (primary and canary).
 */
final class OipRestService {
    static final String SERVER_NAME = "keel";
    static final String SERVER_VERSION = "0.1.0";

    private final Deployments deployments;
    private final InferenceHttp http;

    OipRestService(Deployments deployments, InferenceHttp http) {
        this.deployments = deployments;
        this.http = http;
    }

    void register(ServerBuilder server) {
        get(server, "/v2", (ctx, req) -> done(http.ok(serverMetadata())));
        get(server, "/v2/health/live", (ctx, req) -> done(http.ok(http.json().createObjectNode().put("live", true))));
        get(server, "/v2/health/ready", (ctx, req) -> done(http.ok(http.json().createObjectNode().put("ready", true))));
        for (String base : new String[] {"/v2/models/{model}", "/v2/models/{model}/versions/{version}"}) {
            get(server, base, (ctx, req) -> done(http.ok(metadata(endpoint(ctx), version(ctx)))));
            get(server, base + "/ready", (ctx, req) -> done(http.ok(ready(ctx))));
            server.route().post(base + "/infer")
                    .build(http.service(Role.VIEWER, InferenceHttp.ErrorStyle.SIMPLE, this::infer));
        }
    }

    private void get(ServerBuilder server, String path, InferenceHttp.Handler handler) {
        server.route().get(path).build(http.service(Role.VIEWER, InferenceHttp.ErrorStyle.SIMPLE, handler));
    }

    private static CompletableFuture<HttpResponse> done(HttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    private Endpoint endpoint(ServiceRequestContext ctx) {
        return deployments.get(ctx.pathParam("model"));
    }

    private static String version(ServiceRequestContext ctx) {
        return ctx.pathParam("version");
    }

    private ObjectNode serverMetadata() {
        ObjectNode body = http.json().createObjectNode().put("name", SERVER_NAME).put("version", SERVER_VERSION);
        body.putArray("extensions");
        return body;
    }

    private ObjectNode ready(ServiceRequestContext ctx) {
        Endpoint endpoint = endpoint(ctx);
        String version = version(ctx);
        if (version != null) {
            endpoint.signature(version); // NOT_FOUND if that version is not serving
        }
        return http.json().createObjectNode().put("name", endpoint.name()).put("ready", true);
    }

    private ObjectNode metadata(Endpoint endpoint, String version) {
        ModelSignature signature = version == null ? endpoint.signature() : endpoint.signature(version);
        ObjectNode body = http.json().createObjectNode().put("name", endpoint.name()).put("platform", "keel");
        ArrayNode versions = body.putArray("versions");
        endpoint.versions().forEach(versions::add);
        tensors(body.putArray("inputs"), signature.inputs());
        tensors(body.putArray("outputs"), signature.outputs());
        return body;
    }

    private void tensors(ArrayNode array, java.util.List<TensorSpec> specs) {
        for (TensorSpec spec : specs) {
            ObjectNode node = array.addObject().put("name", spec.name()).put("datatype", OipDataTypes.name(spec.dtype()));
            ArrayNode shape = node.putArray("shape");
            for (long dimension : spec.shape()) {
                shape.add(dimension);
            }
        }
    }

    private CompletableFuture<HttpResponse> infer(ServiceRequestContext ctx, AggregatedHttpRequest request) {
        Endpoint endpoint = endpoint(ctx);
        String version = version(ctx);
        JsonNode body = http.readJson(request);
        JsonNode inputs = body.path("inputs");
        if (!inputs.isArray() || inputs.isEmpty()) {
            throw KeelException.invalid("inputs: " + (inputs.isMissingNode() ? "missing" : "invalid")
                    + " (expected: a list of {name, shape, datatype, data}; signature "
                    + endpoint.signature().describeInputs() + ")");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode input = inputs.get(i);
            String field = "inputs[" + i + "]";
            String name = input.path("name").asText(null);
            if (name == null) {
                throw KeelException.invalid(field + ".name: missing (expected: an input name)");
            }
            var dtype = OipDataTypes.parse(field + ".datatype", input.path("datatype").asText(""));
            JsonNode shapeNode = input.path("shape");
            long[] shape = new long[shapeNode.size()];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = shapeNode.get(d).asLong(-1);
            }
            JsonNode data = input.path("data");
            tensors.put(name, data.isArray() && !data.isEmpty() && data.get(0).isArray()
                    ? TensorValues.fromNested(field + ".data", dtype, data)
                    : TensorValues.fromFlat(field + ".data", dtype, shape, data));
        }
        Set<String> requested = new HashSet<>();
        body.path("outputs").forEach(output -> requested.add(output.path("name").asText()));
        String id = body.path("id").asText(null);
        CompletableFuture<Prediction> prediction = version == null ? endpoint.predict(tensors) : endpoint.predict(version, tensors);
        return prediction.thenApplyAsync(answer -> {
            ObjectNode out = http.json().createObjectNode().put("model_name", endpoint.name())
                    .put("model_version", answer.version());
            if (id != null) {
                out.put("id", id);
            }
            ArrayNode outputs = out.putArray("outputs");
            answer.outputs().forEach((name, tensor) -> {
                if (!requested.isEmpty() && !requested.contains(name)) {
                    return;
                }
                ObjectNode node = outputs.addObject().put("name", name).put("datatype", OipDataTypes.name(tensor.dtype()));
                ArrayNode shape = node.putArray("shape");
                for (long dimension : tensor.shape()) {
                    shape.add(dimension);
                }
                node.set("data", TensorValues.toFlat(tensor));
            });
            return http.jsonResponse(HttpStatus.OK, out, Map.of(KeelPredictService.VERSION_HEADER, answer.version()));
        }, InferenceHttp.responder(ctx));
    }
}
