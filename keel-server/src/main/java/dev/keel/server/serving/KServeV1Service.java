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
import dev.keel.serve.runtime.ModelSignature;
import dev.keel.serve.runtime.Tensor;
import dev.keel.serve.runtime.TensorSpec;
import dev.keel.server.auth.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * KServe V1 ({@code /v1/models/{m}:predict}, {@code /v1/models/{m}}), where {@code m} is an endpoint name.
 * {@code instances} (or {@code inputs} as a list) holds one entry per row: the row itself for a one-input
 * model, an object of input name to row otherwise; {@code inputs} as an object holds whole columns per input.
 * {@code predictions} mirrors that: rows for a one-output model, objects of output name to row otherwise.
 */
final class KServeV1Service {
    private final Deployments deployments;
    private final InferenceHttp http;

    KServeV1Service(Deployments deployments, InferenceHttp http) {
        this.deployments = deployments;
        this.http = http;
    }

    void register(ServerBuilder server) {
        // Armeria paths cannot mix a parameter and ":predict" in one segment: match the segment, then split.
        server.route().post("/v1/models/{model}")
                .build(http.service(Role.VIEWER, InferenceHttp.ErrorStyle.SIMPLE, this::predict));
        server.route().get("/v1/models/{model}")
                .build(http.service(Role.VIEWER, InferenceHttp.ErrorStyle.SIMPLE, this::status));
    }

    private CompletableFuture<HttpResponse> status(ServiceRequestContext ctx, AggregatedHttpRequest request) {
        Endpoint endpoint = deployments.get(ctx.pathParam("model"));
        ObjectNode body = http.json().createObjectNode().put("name", endpoint.name()).put("ready", true);
        return CompletableFuture.completedFuture(http.ok(body));
    }

    private CompletableFuture<HttpResponse> predict(ServiceRequestContext ctx, AggregatedHttpRequest request) {
        String segment = ctx.pathParam("model");
        if (!segment.endsWith(":predict")) {
            throw KeelException.notFound("KServe V1 verb in " + segment + " (expected: {model}:predict)");
        }
        Endpoint endpoint = deployments.get(segment.substring(0, segment.length() - ":predict".length()));
        JsonNode body = http.readJson(request);
        Map<String, Tensor> inputs = parse(endpoint.signature(), body);
        return endpoint.predict(inputs).thenApplyAsync(answer -> {
            ObjectNode out = http.json().createObjectNode();
            out.set("predictions", predictions(answer.outputs(), endpoint.signature()));
            out.put("model_version", answer.version());
            return http.jsonResponse(HttpStatus.OK, out, Map.of(KeelPredictService.VERSION_HEADER, answer.version()));
        }, InferenceHttp.responder(ctx));
    }

    static Map<String, Tensor> parse(ModelSignature signature, JsonNode body) {
        JsonNode rows = body.has("instances") ? body.get("instances") : body.path("inputs");
        if (rows.isObject()) {
            return KeelPredictService.parseInputs(signature, rows);
        }
        if (!rows.isArray() || rows.isEmpty()) {
            throw KeelException.invalid("instances: " + (rows.isMissingNode() ? "missing" : rows.toString().length() > 40 ? "invalid" : rows)
                    + " (expected: a non-empty list of rows, or inputs; signature " + signature.describeInputs() + ")");
        }
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        if (signature.inputs().size() == 1) {
            TensorSpec spec = signature.inputs().getFirst();
            List<JsonNode> values = new ArrayList<>();
            rows.forEach(values::add);
            inputs.put(spec.name(), TensorValues.fromRows("instances", spec.dtype(), values));
            return inputs;
        }
        for (TensorSpec spec : signature.inputs()) {
            List<JsonNode> values = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                JsonNode value = rows.get(i).get(spec.name());
                if (value == null) {
                    throw KeelException.invalid("instances[" + i + "]." + spec.name() + ": missing (expected: "
                            + spec.describe() + "; signature " + signature.describeInputs() + ")");
                }
                values.add(value);
            }
            inputs.put(spec.name(), TensorValues.fromRows("instances." + spec.name(), spec.dtype(), values));
        }
        return inputs;
    }

    private ArrayNode predictions(Map<String, Tensor> outputs, ModelSignature signature) {
        ArrayNode predictions = http.json().createArrayNode();
        List<String> names = signature.outputs().stream().map(TensorSpec::name).filter(outputs::containsKey).toList();
        if (names.isEmpty()) {
            names = List.copyOf(outputs.keySet());
        }
        int rows = (int) outputs.get(names.getFirst()).batchSize();
        for (int row = 0; row < rows; row++) {
            if (names.size() == 1) {
                predictions.add(TensorValues.rowToNested(outputs.get(names.getFirst()), row));
            } else {
                ObjectNode entry = predictions.addObject();
                for (String name : names) {
                    entry.set(name, TensorValues.rowToNested(outputs.get(name), row));
                }
            }
        }
        return predictions;
    }
}
