package dev.keel.server.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import dev.keel.serve.deploy.Deployments;
import dev.keel.serve.deploy.Endpoint;
import dev.keel.serve.deploy.Prediction;
import dev.keel.serve.runtime.ModelSignature;
import dev.keel.serve.runtime.Tensor;
import dev.keel.serve.runtime.TensorSpec;
import dev.keel.server.auth.Role;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * TorchServe's inference API, so TorchServe clients work unmodified: {@code POST /predictions/{model}} and
 * {@code /predictions/{model}/{version}}, where {@code model} is a Keel endpoint and {@code version} a version it
 * serves, and {@code GET /ping}. (The generated client's other prediction calls, {@code /v1/models/{m}:predict}
 * and {@code /v2/models/{m}/infer}, are the KServe V1 and OIP v2 routes.) Bodies: {@link TorchServeRequest}.
 * The answer for one unbatched row is that row's prediction; for a list of rows, the list — each a nested array
 * for a one-output model, else an object of output name to value. Errors use TorchServe's
 * {@code {"code", "type", "message"}}.
 */
final class TorchServeService {
    private final Deployments deployments;
    private final InferenceHttp http;

    TorchServeService(Deployments deployments, InferenceHttp http) {
        this.deployments = deployments;
        this.http = http;
    }

    void register(ServerBuilder server) {
        var style = InferenceHttp.ErrorStyle.TORCHSERVE;
        server.route().post("/predictions/{model}").build(http.service(Role.VIEWER, style, this::predict));
        server.route().post("/predictions/{model}/{version}").build(http.service(Role.VIEWER, style, this::predict));
        server.route().get("/ping").build(http.service(Role.VIEWER, style, (ctx, request) ->
                CompletableFuture.completedFuture(http.ok(http.json().createObjectNode().put("status", "Healthy")))));
    }

    private CompletableFuture<HttpResponse> predict(ServiceRequestContext ctx, AggregatedHttpRequest request) {
        Endpoint endpoint = deployments.get(ctx.pathParam("model"));
        String version = ctx.pathParam("version");
        MediaType type = request.contentType();
        boolean binaryIn = type != null && type.toString().startsWith(BinaryTensors.MEDIA_TYPE);
        String accept = request.headers().get(HttpHeaderNames.ACCEPT);
        boolean binaryOut = accept != null && accept.contains(BinaryTensors.MEDIA_TYPE);
        ModelSignature signature = version == null ? endpoint.signature() : endpoint.signature(version);
        TorchServeRequest parsed = TorchServeRequest.read(signature, request.content().array(), binaryIn, http.json());
        CompletableFuture<Prediction> prediction = version == null
                ? endpoint.predict(parsed.inputs())
                : endpoint.predict(version, parsed.inputs());
        return prediction.thenApplyAsync(answer -> binaryOut ? binary(answer) : json(answer, signature, parsed.single()),
                InferenceHttp.responder(ctx));
    }

    private HttpResponse json(Prediction answer, ModelSignature signature, boolean single) {
        List<String> names = signature.outputs().stream().map(TensorSpec::name).filter(answer.outputs()::containsKey).toList();
        if (names.isEmpty()) {
            names = List.copyOf(answer.outputs().keySet());
        }
        int rows = (int) answer.outputs().get(names.getFirst()).batchSize();
        ArrayNode predictions = http.json().createArrayNode();
        for (int row = 0; row < rows; row++) {
            predictions.add(row(answer.outputs(), names, row));
        }
        JsonNode body = single && rows == 1 ? predictions.get(0) : predictions;
        return http.jsonResponse(HttpStatus.OK, body, Map.of(KeelPredictService.VERSION_HEADER, answer.version()));
    }

    private JsonNode row(Map<String, Tensor> outputs, List<String> names, int row) {
        if (names.size() == 1) {
            return TensorValues.rowToNested(outputs.get(names.getFirst()), row);
        }
        ObjectNode entry = http.json().createObjectNode();
        for (String name : names) {
            entry.set(name, TensorValues.rowToNested(outputs.get(name), row));
        }
        return entry;
    }

    private static HttpResponse binary(Prediction answer) {
        return HttpResponse.of(ResponseHeaders.builder(HttpStatus.OK)
                .contentType(MediaType.parse(BinaryTensors.MEDIA_TYPE))
                .add(KeelPredictService.VERSION_HEADER, answer.version()).build(), HttpData.wrap(BinaryTensors.write(answer.outputs())));
    }
}
