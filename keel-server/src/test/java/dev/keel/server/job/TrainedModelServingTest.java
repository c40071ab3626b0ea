package dev.keel.server.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.serve.export.KeelBundleModel;
import dev.keel.train.model.ArchitectureRegistry;
import inference.GRPCInferenceServiceGrpc;
import inference.GrpcPredictV2;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.component.torchserve.client.inference.api.DefaultApi;
import org.apache.camel.component.torchserve.client.inference.invoker.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's "done": a model trained by Keel (a tiny MLP, 2 epochs, through the real job system) is registered from
 * its run, exported to ONNX through the parity gate, deployed by the alias {@code production}, and answered over
 * Keel REST, KServe V1, OIP v2 REST, OIP v2 gRPC (camel-kserve's stubs) and TorchServe (camel-torchserve's
 * generated client) with the training engine's outputs; then the alias moves to a second trained version while a
 * client keeps predicting, and no request fails.
 */
class TrainedModelServingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Normalised feature rows, the served model's input. */
    private static final float[][] ROWS = {{0.5f, -1f}, {2f, 0.3f}, {-1.5f, 1.2f}};
    /** The parity gate's tolerance: the served ONNX model may differ from the trained one by at most this much. */
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path home;

    @Test
    void trainedModelIsServedOverEveryProtocolAndSwapsToItsSuccessorWithoutAFailedRequest() throws Exception {
        try (JobServer server = JobServer.start(home, Map.of())) {
            server.commitPoints(home.resolve("scratch"));
            String first = server.submit(JobServer.SPEC).path("id").asText();
            String second = server.submit(JobServer.SPEC.replace("seed: 5", "seed: 6")).path("id").asText();
            server.admin().post("/api/v1/models", Map.of("name", "points"), JsonNode.class);

            assertThat(registerAndExport(server, first)).isEqualTo(2);
            JsonNode exported = server.admin().get("/api/v1/models/points/versions/2", JsonNode.class);
            assertThat(exported.path("format").asText()).isEqualTo("onnx");
            assertThat(exported.toString()).contains("keel.export.maxAbsoluteDeviation");
            server.admin().put("/api/v1/models/points/aliases/production", Map.of("version", 2), JsonNode.class);
            HttpResponse<String> deployed = server.send("POST", "/api/v1/endpoints", """
                    {"endpoint": "points", "model": "points", "reference": "production", "maxBatchSize": 8,
                     "maxQueueDelayMicros": 200, "workers": 1, "warmupBatches": 1}""");
            assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);

            float[][] expected = trainingEngine(server, 1);
            assertThat(keelRest(server)).as("Keel REST").isEqualTo("2");
            assertAllProtocolsAnswer(server, expected);

            assertThat(registerAndExport(server, second)).isEqualTo(4);
            float[][] successor = trainingEngine(server, 3);
            assertThat(successor[0][0]).as("a second training gives a different model").isNotCloseTo(expected[0][0], within(1e-3f));
            assertSwapLosesNothing(server);
            assertAllProtocolsAnswer(server, successor);
        }
    }

    /** Waits for the job, registers its model artifact and exports it; returns the ONNX version. */
    private static int registerAndExport(JobServer server, String job) {
        JsonNode ended = server.awaitEnded(job);
        assertThat(ended.path("state").asText()).as(ended.toString()).isEqualTo("succeeded");
        JsonNode registered = server.admin().post("/api/v1/models/points/versions",
                Map.of("runId", ended.path("runId").asText(), "artifact", "model/model.keel"), JsonNode.class);
        assertThat(registered.path("format").asText()).isEqualTo("keel");
        JsonNode exported = server.admin().post("/api/v1/models/points/versions/" + registered.path("version").asInt()
                + "/export", Map.of("seed", 1), JsonNode.class);
        return exported.path("version").asInt();
    }

    /** The logits of the Keel bundle {@code version} for {@link #ROWS}, computed by the training engine (DJL). */
    private float[][] trainingEngine(JobServer server, int version) throws Exception {
        Path bundle = home.resolve("bundle-" + version + ".keel");
        server.admin().download("/api/v1/models/points/versions/" + version + "/file", bundle, bytes -> {});
        try (KeelBundleModel model = KeelBundleModel.load(bundle, ArchitectureRegistry.load());
                NDManager batch = model.manager().newSubManager()) {
            float[] flat = new float[ROWS.length * 2];
            for (int row = 0; row < ROWS.length; row++) {
                System.arraycopy(ROWS[row], 0, flat, row * 2, 2);
            }
            NDArray input = batch.create(flat, new Shape(ROWS.length, 2));
            float[] logits = model.model().block().forward(new ParameterStore(batch, false), new NDList(input), false)
                    .singletonOrThrow().toFloatArray();
            int classes = logits.length / ROWS.length;
            float[][] out = new float[ROWS.length][classes];
            for (int row = 0; row < ROWS.length; row++) {
                System.arraycopy(logits, row * classes, out[row], 0, classes);
            }
            return out;
        }
    }

    private static String rowsJson() throws Exception {
        return JSON.writeValueAsString(ROWS);
    }

    /** Predicts {@link #ROWS} over Keel REST and returns the answering version. */
    private static String keelRest(JobServer server) throws Exception {
        HttpResponse<String> response = server.send("POST", "/api/v1/endpoints/points/predict",
                "{\"inputs\": {\"input\": " + rowsJson() + "}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("version").asText();
    }

    private void assertAllProtocolsAnswer(JobServer server, float[][] expected) throws Exception {
        HttpResponse<String> keel = server.send("POST", "/api/v1/endpoints/points/predict",
                "{\"inputs\": {\"input\": " + rowsJson() + "}}");
        assertClose("Keel REST", flatten(JSON.readTree(keel.body()).path("outputs").path("logits").path("data")), expected);

        HttpResponse<String> kserve = server.send("POST", "/v1/models/points:predict", "{\"instances\": " + rowsJson() + "}");
        assertClose("KServe V1", flatten(JSON.readTree(kserve.body()).path("predictions")), expected);

        HttpResponse<String> oip = server.send("POST", "/v2/models/points/infer", JSON.writeValueAsString(Map.of("inputs",
                List.of(Map.of("name", "input", "shape", List.of(ROWS.length, 2), "datatype", "FP32", "data", rowsFlat())))));
        assertClose("OIP v2 REST", flatten(JSON.readTree(oip.body()).path("outputs").get(0).path("data")), expected);

        assertClose("OIP v2 gRPC", grpc(server), expected);

        ApiClient client = new ApiClient().setBasePath(server.server().url().toString());
        client.addDefaultHeader("Authorization", "Bearer " + JobServer.ADMIN_TOKEN);
        Object torchserve = new DefaultApi(client).predictions_1("points", ROWS);
        assertClose("TorchServe", flatten(JSON.valueToTree(torchserve)), expected);
    }

    private static List<Float> rowsFlat() {
        List<Float> values = new ArrayList<>();
        for (float[] row : ROWS) {
            for (float value : row) {
                values.add(value);
            }
        }
        return values;
    }

    private static float[] grpc(JobServer server) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.server().url().getPort()).usePlaintext().build();
        try {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + JobServer.ADMIN_TOKEN);
            var contents = GrpcPredictV2.InferTensorContents.newBuilder().addAllFp32Contents(rowsFlat());
            GrpcPredictV2.ModelInferResponse response = GRPCInferenceServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .modelInfer(GrpcPredictV2.ModelInferRequest.newBuilder().setModelName("points")
                            .addInputs(GrpcPredictV2.ModelInferRequest.InferInputTensor.newBuilder().setName("input")
                                    .setDatatype("FP32").addShape(ROWS.length).addShape(2).setContents(contents))
                            .build());
            List<Float> values = response.getOutputs(0).getContents().getFp32ContentsList();
            if (values.isEmpty()) {
                // Servers may answer in raw_output_contents (little-endian bytes) instead of typed contents.
                var raw = response.getRawOutputContents(0).asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
                float[] out = new float[raw.remaining() / 4];
                raw.asFloatBuffer().get(out);
                return out;
            }
            float[] out = new float[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = values.get(i);
            }
            return out;
        } finally {
            channel.shutdownNow();
        }
    }

    private static float[] flatten(JsonNode node) {
        List<Float> values = new ArrayList<>();
        collect(node, values);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static void collect(JsonNode node, List<Float> values) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, values));
        } else {
            values.add(node.floatValue());
        }
    }

    private static void assertClose(String protocol, float[] actual, float[][] expected) {
        int classes = expected[0].length;
        assertThat(actual).as(protocol).hasSize(expected.length * classes);
        for (int row = 0; row < expected.length; row++) {
            for (int column = 0; column < classes; column++) {
                assertThat((double) actual[row * classes + column]).as("%s row %d logit %d", protocol, row, column)
                        .isCloseTo(expected[row][column], within(TOLERANCE));
            }
        }
    }

    /** Moves {@code production} from version 2 to 4 while a client predicts; every request must succeed. */
    private static void assertSwapLosesNothing(JobServer server) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.server().url() + "/predictions/points"))
                .POST(HttpRequest.BodyPublishers.ofString(rowsJson()))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + JobServer.ADMIN_TOKEN).build();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Set<String> versions = ConcurrentHashMap.newKeySet();
        Thread client = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200 || JSON.readTree(response.body()).size() != ROWS.length) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, response.statusCode() + " " + response.body());
                    }
                    versions.add(response.headers().firstValue("keel-model-version").orElse("?"));
                } catch (Exception e) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, e.toString());
                }
                answered.incrementAndGet();
            }
        });
        try {
            awaitAnswers(answered, 20);
            server.admin().put("/api/v1/models/points/aliases/production", Map.of("version", 4), JsonNode.class);
            HttpResponse<String> refreshed = server.send("POST", "/api/v1/endpoints/points/refresh", null);
            assertThat(JSON.readTree(refreshed.body()).path("version").asText()).as(refreshed.body()).isEqualTo("4");
            awaitAnswers(answered, answered.get() + 20);
        } finally {
            running.set(false);
            client.join();
        }
        assertThat(failed).as("failed requests during the swap, first: %s", firstFailure.get()).hasValue(0);
        assertThat(versions).containsExactlyInAnyOrder("2", "4");
    }

    private static void awaitAnswers(AtomicInteger answered, int atLeast) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answered.get() < atLeast && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(answered.get()).as("answers within 30 s").isGreaterThanOrEqualTo(atLeast);
    }
}
