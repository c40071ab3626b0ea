package dev.keel.server.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.keel.serve.batching.BatchPolicy;
import dev.keel.serve.deploy.DeploymentSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.torchserve.client.impl.DefaultInference;
import org.apache.camel.component.torchserve.client.inference.api.DefaultApi;
import org.apache.camel.component.torchserve.client.inference.invoker.ApiClient;
import org.apache.camel.component.torchserve.client.inference.invoker.ApiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * TorchServe's inference API on the API port, called through the unmodified OpenAPI-generated client inside
 * camel-torchserve ({@code DefaultApi}) and through Camel's own wrapper of it ({@code DefaultInference}, which
 * hands the client a {@code byte[]}). Endpoint "scaler" serves version 3 of a model multiplying x[-1, 2] by 3.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TorchServeProtocolTest {
    private static final BatchPolicy POLICY = new BatchPolicy(8, Duration.ofNanos(100_000), 64, Duration.ofSeconds(10), 1);

    @TempDir
    static Path home;

    private final ScalingModels models = new ScalingModels();
    private ServingServer server;
    private DefaultApi api;

    @BeforeAll
    void start() {
        server = new ServingServer(home, models);
        server.deployments.deploy(DeploymentSpec.of("scaler", "scaler", "3", POLICY));
        api = client(ServingServer.TOKEN);
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

    private DefaultApi client(String token) {
        ApiClient client = new ApiClient().setBasePath(server.url().toString());
        if (token != null) {
            client.addDefaultHeader("Authorization", "Bearer " + token);
        }
        return new DefaultApi(client);
    }

    @Test
    void pingAnswersHealthy() throws Exception {
        assertThat(api.ping().getStatus()).isEqualTo("Healthy");
    }

    @Test
    void predictionsOfOneRowAnswerThatRowsPrediction() throws Exception {
        assertThat(api.predictions_1("scaler", List.of(1, 2))).isEqualTo(List.of(3.0, 6.0));
        assertThat(api.predictions_1("scaler", Map.of("data", List.of(2, 2)))).isEqualTo(List.of(6.0, 6.0));
    }

    @Test
    void predictionsOfRowsAnswerAListInKeelAndKServeShapesToo() throws Exception {
        List<List<Double>> expected = List.of(List.of(3.0, 6.0), List.of(9.0, 12.0));

        assertThat(api.predictions_1("scaler", List.of(List.of(1, 2), List.of(3, 4)))).isEqualTo(expected);
        assertThat(api.predictions_1("scaler", Map.of("instances", List.of(List.of(1, 2), List.of(3, 4))))).isEqualTo(expected);
        assertThat(api.predictions_1("scaler", Map.of("inputs", Map.of("x", List.of(List.of(1, 2), List.of(3, 4))))))
                .isEqualTo(expected);
    }

    @Test
    void versionPredictionsAnswerFromThatVersionAnd404ForOneNotServed() throws Exception {
        assertThat(api.versionPredictions("scaler", "3", List.of(1, 1))).isEqualTo(List.of(3.0, 3.0));

        ApiException missing = catchThrowableOfType(ApiException.class,
                () -> api.versionPredictions("scaler", "5", List.of(1, 1)));
        assertThat(missing.getCode()).isEqualTo(404);
        assertThat(missing.getResponseBody()).contains("\"type\":\"NOT_FOUND\"").contains("serving: [3]");
    }

    @Test
    void theClientsOtherPredictionCallsReachKServeV1AndOipV2() throws Exception {
        Object kserve = api.predictions("scaler", Map.of("instances", List.of(List.of(1, 2))));
        Object oip = api.predictions_0("scaler", Map.of("inputs",
                List.of(Map.of("name", "x", "shape", List.of(1, 2), "datatype", "FP32", "data", List.of(1, 2)))));

        assertThat(kserve).isEqualTo(Map.of("predictions", List.of(List.of(3.0, 6.0)), "model_version", "3"));
        assertThat(((Map<?, ?>) oip).get("outputs").toString()).contains("data=[3.0, 6.0]");
    }

    @Test
    void camelsInferenceWrapperSendsBytesThatAreAnswered() throws Exception {
        DefaultInference inference = new DefaultInference(server.url().toString());
        inference.setAuthToken(ServingServer.TOKEN);

        Object answer = inference.predictions("scaler", "[[1, 2], [5, 5]]".getBytes(StandardCharsets.UTF_8));

        assertThat(answer).isEqualTo(List.of(List.of(3.0, 6.0), List.of(15.0, 15.0)));
    }

    @Test
    void wrongShapeIsA400NamingTheExpectedSignature() {
        ApiException wrong = catchThrowableOfType(ApiException.class, () -> api.predictions_1("scaler", List.of(1, 2, 3)));

        assertThat(wrong.getCode()).isEqualTo(400);
        assertThat(wrong.getResponseBody()).contains("x: float32[-1, 2]");
    }

    @Test
    void unknownModelIsA404AndAMissingTokenA401() {
        ApiException unknown = catchThrowableOfType(ApiException.class, () -> api.predictions_1("nope", List.of(1, 2)));
        ApiException anonymous = catchThrowableOfType(ApiException.class, () -> client(null).predictions_1("scaler", List.of(1, 2)));

        assertThat(unknown.getCode()).isEqualTo(404);
        assertThat(anonymous.getCode()).isEqualTo(401);
    }

    @Test
    void aFullQueueAnswers429WithRetryAfter() throws Exception {
        server.deployments.deploy(DeploymentSpec.of("tiny", "scaler", "1",
                new BatchPolicy(1, Duration.ZERO, 2, Duration.ofSeconds(10), 1)).withWarmupBatches(0));
        models.release.drainPermits();
        models.entered.drainPermits();
        models.blocked = true;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        // One computing (blocked) and two queued fill the endpoint; the client's call is turned away.
        inFlight.add(sendAsync(http));
        assertThat(models.entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        inFlight.add(sendAsync(http));
        inFlight.add(sendAsync(http));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.deployments.get("tiny").queueDepth() < 2 && System.nanoTime() < until) {
            Thread.sleep(5);
        }

        ApiException full = catchThrowableOfType(ApiException.class, () -> api.predictions_1("tiny", List.of(1, 2)));

        assertThat(full.getCode()).isEqualTo(429);
        assertThat(full.getResponseHeaders().entrySet()).anySatisfy(header -> {
            assertThat(header.getKey()).isEqualToIgnoringCase("retry-after");
            assertThat(header.getValue()).containsExactly("1");
        });
        models.blocked = false;
        models.release.release(10);
        for (CompletableFuture<HttpResponse<String>> response : inFlight) {
            assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(HttpClient http) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(server.url() + "/predictions/tiny"))
                .POST(HttpRequest.BodyPublishers.ofString("[1, 2]"))
                .header("Authorization", "Bearer " + ServingServer.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }
}
