package dev.keel.server.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.serve.batching.BatchPolicy;
import dev.keel.serve.deploy.CanarySplit;
import dev.keel.serve.deploy.DeploymentSpec;
import dev.keel.serve.runtime.Tensor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import inference.GRPCInferenceServiceGrpc;
import inference.GrpcPredictV2;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One server for the class (starting one costs seconds); each test deploys the endpoints it changes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServingProtocolsTest {
    private static final BatchPolicy POLICY = new BatchPolicy(8, Duration.ofNanos(100_000), 64, Duration.ofSeconds(10), 1);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    private final ScalingModels models = new ScalingModels();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ServingServer server;

    @BeforeAll
    void start() {
        server = new ServingServer(home, models);
        server.deployments.deploy(DeploymentSpec.of("scaler", "scaler", "3", POLICY));
    }

    @AfterEach
    void unblock() {
        models.blocked = false;
        models.release.release(1000);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, ServingServer.TOKEN);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void keelRestPredictAnswersWithOutputsAndTheVersion() throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/endpoints/scaler/predict",
                "{\"inputs\": {\"x\": {\"dtype\": \"float32\", \"shape\": [2, 2], \"data\": [1, 2, 3, 4]}}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("keel-model-version")).hasValue("3");
        JsonNode body = json(response);
        assertThat(body.path("version").asText()).isEqualTo("3");
        assertThat(body.path("outputs").path("y").path("shape").toString()).isEqualTo("[2,2]");
        assertThat(body.path("outputs").path("y").path("data").toString()).isEqualTo("[3.0,6.0,9.0,12.0]");
    }

    @Test
    void keelRestPredictTakesAndAnswersTheBinaryTensorBody() throws Exception {
        byte[] body = BinaryTensors.write(Map.of("x", Tensor.ofFloats(new long[] {1, 2}, 5, 6)));
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/endpoints/scaler/predict"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", BinaryTensors.MEDIA_TYPE).header("Accept", BinaryTensors.MEDIA_TYPE)
                .header("Authorization", "Bearer " + ServingServer.TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(BinaryTensors.read(response.body()).get("y").toFloats()).containsExactly(15f, 18f);
    }

    @Test
    void kserveV1PredictsInstancesAndReportsModelStatus() throws Exception {
        HttpResponse<String> predict = send("POST", "/v1/models/scaler:predict", "{\"instances\": [[1, 2], [3, 4]]}");
        HttpResponse<String> status = send("GET", "/v1/models/scaler", null);

        assertThat(predict.statusCode()).isEqualTo(200);
        assertThat(json(predict).path("predictions").toString()).isEqualTo("[[3.0,6.0],[9.0,12.0]]");
        assertThat(json(status).path("ready").asBoolean()).isTrue();
    }

    @Test
    void oipV2RestServesHealthMetadataAndInfer() throws Exception {
        assertThat(send("GET", "/v2/health/live", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/v2/health/ready", null).statusCode()).isEqualTo(200);
        assertThat(json(send("GET", "/v2", null)).path("name").asText()).isEqualTo("keel");
        JsonNode metadata = json(send("GET", "/v2/models/scaler", null));
        assertThat(metadata.path("inputs").get(0).path("datatype").asText()).isEqualTo("FP32");
        assertThat(metadata.path("inputs").get(0).path("shape").toString()).isEqualTo("[-1,2]");
        assertThat(send("GET", "/v2/models/scaler/versions/3/ready", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/v2/models/scaler/versions/4/ready", null).statusCode()).isEqualTo(404);

        HttpResponse<String> infer = send("POST", "/v2/models/scaler/infer", """
                {"id": "r1", "inputs": [{"name": "x", "shape": [1, 2], "datatype": "FP32", "data": [1, 1]}]}""");
        assertThat(infer.statusCode()).isEqualTo(200);
        JsonNode body = json(infer);
        assertThat(body.path("id").asText()).isEqualTo("r1");
        assertThat(body.path("model_version").asText()).isEqualTo("3");
        assertThat(body.path("outputs").get(0).path("data").toString()).isEqualTo("[3.0,3.0]");
    }

    @Test
    void oipV2GrpcAnswersAllSixCallsThroughCamelKserveStubs() {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        try {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + ServingServer.TOKEN);
            var stub = GRPCInferenceServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(10, TimeUnit.SECONDS);

            assertThat(stub.serverLive(GrpcPredictV2.ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
            assertThat(stub.serverReady(GrpcPredictV2.ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
            assertThat(stub.serverMetadata(GrpcPredictV2.ServerMetadataRequest.getDefaultInstance()).getName()).isEqualTo("keel");
            assertThat(stub.modelReady(GrpcPredictV2.ModelReadyRequest.newBuilder().setName("scaler").build()).getReady()).isTrue();
            GrpcPredictV2.ModelMetadataResponse metadata = stub.modelMetadata(
                    GrpcPredictV2.ModelMetadataRequest.newBuilder().setName("scaler").build());
            assertThat(metadata.getInputs(0).getName()).isEqualTo("x");
            assertThat(metadata.getVersionsList()).containsExactly("3");

            GrpcPredictV2.ModelInferResponse infer = stub.modelInfer(GrpcPredictV2.ModelInferRequest.newBuilder()
                    .setModelName("scaler")
                    .addInputs(GrpcPredictV2.ModelInferRequest.InferInputTensor.newBuilder().setName("x")
                            .setDatatype("FP32").addShape(1).addShape(2)
                            .setContents(GrpcPredictV2.InferTensorContents.newBuilder().addFp32Contents(2).addFp32Contents(4)))
                    .build());
            assertThat(infer.getModelVersion()).isEqualTo("3");
            assertThat(infer.getOutputs(0).getContents().getFp32ContentsList()).containsExactly(6f, 12f);

            assertThatThrownBy(() -> stub.modelMetadata(GrpcPredictV2.ModelMetadataRequest.newBuilder().setName("nope").build()))
                    .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("NOT_FOUND");
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void grpcCallsWithoutATokenAreUnauthenticated() {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        try {
            var stub = GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> stub.serverLive(GrpcPredictV2.ServerLiveRequest.getDefaultInstance()))
                    .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("UNAUTHENTICATED");
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void inferenceRoutesNeedAToken() throws Exception {
        assertThat(send("POST", "/v1/models/scaler:predict", "{\"instances\": [[1, 2]]}", null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/endpoints/scaler/predict", "{\"inputs\": {\"x\": [[1, 2]]}}", "keel_wrong").statusCode())
                .isEqualTo(401);
    }

    @Test
    void wrongInputIsA400NamingTheExpectedSignature() throws Exception {
        HttpResponse<String> wrongName = send("POST", "/v2/models/scaler/infer",
                "{\"inputs\": [{\"name\": \"z\", \"shape\": [1, 2], \"datatype\": \"FP32\", \"data\": [1, 1]}]}");
        HttpResponse<String> wrongType = send("POST", "/v2/models/scaler/infer",
                "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 2], \"datatype\": \"INT64\", \"data\": [1, 1]}]}");
        HttpResponse<String> wrongShape = send("POST", "/v1/models/scaler:predict", "{\"instances\": [[1, 2, 3]]}");

        for (HttpResponse<String> response : List.of(wrongName, wrongType, wrongShape)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).path("error").asText()).contains("x: float32[-1, 2]");
        }
    }

    @Test
    void unknownModelOrVersionIsA404() throws Exception {
        assertThat(send("POST", "/v1/models/nope:predict", "{\"instances\": [[1, 2]]}").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/v2/models/nope", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/v2/models/scaler/versions/8/infer",
                "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 2], \"datatype\": \"FP32\", \"data\": [1, 1]}]}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aBatchOverTheLimitIsA413() throws Exception {
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < 9; i++) {
            rows.append(i == 0 ? "" : ",").append("[1, 2]");
        }
        HttpResponse<String> response = send("POST", "/v1/models/scaler:predict", "{\"instances\": " + rows + "]}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).path("error").asText()).contains("limit of 8");
    }

    @Test
    void aFullQueueAnswers429WithRetryAfter() throws Exception {
        server.deployments.deploy(DeploymentSpec.of("tiny", "scaler", "1",
                new BatchPolicy(1, Duration.ZERO, 2, Duration.ofSeconds(10), 1)).withWarmupBatches(0));
        models.release.drainPermits();
        models.entered.drainPermits();
        models.blocked = true;
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        // One computing (blocked) and two queued fill the endpoint; the next is turned away.
        inFlight.add(sendAsync("/v1/models/tiny:predict"));
        assertThat(models.entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        inFlight.add(sendAsync("/v1/models/tiny:predict"));
        inFlight.add(sendAsync("/v1/models/tiny:predict"));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.deployments.get("tiny").queueDepth() < 2 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        HttpResponse<String> rejected = send("POST", "/v1/models/tiny:predict", "{\"instances\": [[1, 2]]}");

        assertThat(rejected.statusCode()).isEqualTo(429);
        assertThat(rejected.headers().firstValue("retry-after")).hasValue("1");
        models.blocked = false;
        models.release.release(10);
        for (CompletableFuture<HttpResponse<String>> response : inFlight) {
            assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String path) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(server.url() + path))
                .POST(HttpRequest.BodyPublishers.ofString("{\"instances\": [[1, 2]]}"))
                .header("Authorization", "Bearer " + ServingServer.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void canaryResponsesSayWhichVersionAnswered() throws Exception {
        server.deployments.deploy(DeploymentSpec.of("split", "scaler", "1", POLICY).withCanary(new CanarySplit("2", 0.5)));
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            JsonNode body = json(send("POST", "/v2/models/split/infer",
                    "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 2], \"datatype\": \"FP32\", \"data\": [1, 1]}]}"));
            String version = body.path("model_version").asText();
            assertThat(body.path("outputs").get(0).path("data").get(0).asDouble()).isEqualTo(Double.parseDouble(version));
            versions.add(version);
        }
        assertThat(versions).contains("1", "2");
    }
}
