package dev.keel.server.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
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
import dev.keel.server.http.ApiRouter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /api/v1/endpoints/{name}/predict}: Keel's own predict call. JSON body
 * {@code {"inputs": {"x": {"dtype": "float32", "shape": [2, 4], "data": [...]}}}} or with nested arrays
 * {@code {"inputs": {"x": [[...], [...]]}}} (dtype from the signature), optional {@code "version"}; or a
 * binary body ({@link BinaryTensors}). Answers outputs the same way, with the answering version in the body and
 * in the {@code Keel-Model-Version} header.
 */
final class KeelPredictService {
    static final String VERSION_HEADER = "keel-model-version";

    private final Deployments deployments;
    private final InferenceHttp http;

    KeelPredictService(Deployments deployments, InferenceHttp http) {
        this.deployments = deployments;
        this.http = http;
    }

    void register(ServerBuilder server) {
        server.route().post(ApiRouter.PREFIX + "/endpoints/{name}/predict")
                .build(http.service(Role.VIEWER, InferenceHttp.ErrorStyle.KEEL, this::predict));
    }

    private CompletableFuture<HttpResponse> predict(ServiceRequestContext ctx, AggregatedHttpRequest request) {
        Endpoint endpoint = deployments.get(ctx.pathParam("name"));
        MediaType type = request.contentType();
        boolean binaryIn = type != null && type.toString().startsWith(BinaryTensors.MEDIA_TYPE);
        String accept = request.headers().get(HttpHeaderNames.ACCEPT);
        boolean binaryOut = accept != null && accept.contains(BinaryTensors.MEDIA_TYPE);
        Map<String, Tensor> inputs;
        String version = null;
        if (binaryIn) {
            inputs = BinaryTensors.read(request.content().array());
            version = request.headers().get(VERSION_HEADER);
        } else {
            JsonNode body = http.readJson(request);
            inputs = parseInputs(endpoint.signature(), body.path("inputs"));
            version = body.hasNonNull("version") ? body.get("version").asText() : null;
        }
        CompletableFuture<Prediction> prediction = version == null ? endpoint.predict(inputs) : endpoint.predict(version, inputs);
        return prediction.thenApplyAsync(answer -> binaryOut ? binary(answer) : json(endpoint, answer),
                InferenceHttp.responder(ctx));
    }

    private HttpResponse json(Endpoint endpoint, Prediction answer) {
        ObjectNode body = http.json().createObjectNode();
        body.put("endpoint", endpoint.name()).put("model", answer.model()).put("version", answer.version());
        ObjectNode outputs = body.putObject("outputs");
        answer.outputs().forEach((name, tensor) -> {
            ObjectNode node = outputs.putObject(name);
            node.put("dtype", tensor.dtype().jsonName());
            node.set("shape", http.json().valueToTree(tensor.shape()));
            node.set("data", TensorValues.toFlat(tensor));
        });
        return http.jsonResponse(HttpStatus.OK, body, Map.of(VERSION_HEADER, answer.version()));
    }

    private static HttpResponse binary(Prediction answer) {
        return HttpResponse.of(ResponseHeaders.builder(HttpStatus.OK)
                .contentType(MediaType.parse(BinaryTensors.MEDIA_TYPE))
                .add(VERSION_HEADER, answer.version()).build(), HttpData.wrap(BinaryTensors.write(answer.outputs())));
    }

    static Map<String, Tensor> parseInputs(ModelSignature signature, JsonNode inputs) {
        if (!inputs.isObject()) {
            throw KeelException.invalid("inputs: " + (inputs.isMissingNode() ? "missing" : inputs.getNodeType())
                    + " (expected: an object of input name to tensor; signature " + signature.describeInputs() + ")");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = inputs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = "inputs." + entry.getKey();
            JsonNode value = entry.getValue();
            TensorSpec spec = signature.input(entry.getKey()).orElse(null);
            if (value.isObject()) {
                var dtype = value.hasNonNull("dtype")
                        ? dev.keel.serve.runtime.DataType.fromJsonName(value.get("dtype").asText())
                        : spec == null ? dev.keel.serve.runtime.DataType.FLOAT32 : spec.dtype();
                JsonNode shapeNode = value.path("shape");
                if (!shapeNode.isArray()) {
                    throw KeelException.invalid(field + ".shape: missing (expected: an array of dimensions)");
                }
                long[] shape = new long[shapeNode.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = shapeNode.get(i).asLong(-1);
                }
                tensors.put(entry.getKey(), TensorValues.fromFlat(field + ".data", dtype, shape, value.path("data")));
            } else {
                var dtype = spec == null ? dev.keel.serve.runtime.DataType.FLOAT32 : spec.dtype();
                tensors.put(entry.getKey(), TensorValues.fromNested(field, dtype, value));
            }
        }
        return tensors;
    }
}
