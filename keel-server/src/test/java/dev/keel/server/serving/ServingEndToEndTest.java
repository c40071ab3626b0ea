package dev.keel.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.config.BlobStoreConfig;
import dev.keel.core.config.DatasetsConfig;
import dev.keel.core.config.KeelConfig;
import dev.keel.core.config.ServerConfig;
import dev.keel.serve.registry.ModelRegistry;
import dev.keel.serve.registry.NewModelVersion;
import dev.keel.serve.runtime.ModelFormat;
import dev.keel.serve.runtime.Tensor;
import dev.keel.server.KeelServer;
import dev.keel.store.metadata.Project;
import dev.keel.store.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path in a real KeelServer: a third-party ONNX model registered twice, deployed by alias through
 * /api/v1/endpoints, predicted over Keel REST (binary body) by several clients while the alias moves — no
 * request fails — and the endpoint survives a restart.
 */
class ServingEndToEndTest {
    private static final Path ONNX = Path.of("../keel-serve/src/test/resources/models/ch_ppocr_mobile_v2.0_cls_infer.onnx");
    private static final String TOKEN = "keel_serving-e2e-admin-token-0123456789abcdefghij";

    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private KeelConfig config;

    /** Starts a server; a second call reuses the same database and blobs (a restart). */
    private KeelServer start() {
        if (config == null) {
            config = new KeelConfig(home, ServerConfig.defaults().withPort(0),
                    TestDatabases.config(TestDatabases.SQLITE, home), BlobStoreConfig.local(home.resolve("blobs")),
                    new DatasetsConfig(List.of(home.resolve("imports"))), Optional.of(TOKEN));
        }
        return new KeelServer(config, Clock.systemUTC()).start();
    }

    private HttpResponse<String> send(KeelServer server, String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aliasDeployedOnnxModelSwapsUnderLoadWithoutAFailedRequestAndSurvivesARestart() throws Exception {
        KeelServer server = start();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        Set<String> versions = ConcurrentHashMap.newKeySet();
        List<Thread> clients = new ArrayList<>();
        try {
            ModelRegistry registry = ModelRegistry.create(server.metadata(), server.blobs(), Clock.systemUTC());
            registry.createModel(Project.DEFAULT_ID, "cls", Optional.empty(), Map.of());
            for (int i = 0; i < 2; i++) {
                registry.registerVersion(Project.DEFAULT_ID, "cls",
                        NewModelVersion.ofFile(ModelFormat.ONNX, ONNX, "upload:cls.onnx", "test"));
            }
            registry.setAlias(Project.DEFAULT_ID, "cls", "production", 1, "test", Optional.empty());

            HttpResponse<String> deployed = send(server, "POST", "/api/v1/endpoints", """
                    {"endpoint": "ocr", "model": "cls", "reference": "production", "maxBatchSize": 8,
                     "maxQueueDelayMicros": 1000, "workers": 1, "warmupBatches": 1}""");
            assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
            assertThat(new ObjectMapper().readTree(deployed.body()).path("version").asText()).isEqualTo("1");

            for (int c = 0; c < 3; c++) {
                int seed = c;
                clients.add(Thread.ofPlatform().start(() -> {
                    float[] pixels = new float[3 * 48 * 192];
                    Random random = new Random(seed);
                    for (int p = 0; p < pixels.length; p++) {
                        pixels[p] = random.nextFloat();
                    }
                    byte[] body = BinaryTensors.write(Map.of("x", Tensor.ofFloats(new long[] {1, 3, 48, 192}, pixels)));
                    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/endpoints/ocr/predict"))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .header("Content-Type", BinaryTensors.MEDIA_TYPE).header("Accept", BinaryTensors.MEDIA_TYPE)
                            .header("Authorization", "Bearer " + TOKEN).build();
                    while (running.get()) {
                        try {
                            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            if (response.statusCode() != 200
                                    || BinaryTensors.read(response.body()).values().iterator().next().elementCount() != 2) {
                                failures.incrementAndGet();
                            }
                            versions.add(response.headers().firstValue("keel-model-version").orElse("?"));
                            answered.incrementAndGet();
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
                }));
            }
            awaitAnswers(answered, 30);
            registry.setAlias(Project.DEFAULT_ID, "cls", "production", 2, "test", Optional.empty());
            HttpResponse<String> refreshed = send(server, "POST", "/api/v1/endpoints/ocr/refresh", null);
            assertThat(new ObjectMapper().readTree(refreshed.body()).path("version").asText()).isEqualTo("2");
            awaitAnswers(answered, answered.get() + 30);
        } finally {
            running.set(false);
            for (Thread client : clients) {
                client.join();
            }
            server.stop();
        }
        assertThat(failures).hasValue(0);
        assertThat(versions).containsExactlyInAnyOrder("1", "2");

        KeelServer restarted = start();
        try {
            HttpResponse<String> endpoint = send(restarted, "GET", "/api/v1/endpoints/ocr", null);
            assertThat(endpoint.statusCode()).as(endpoint.body()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(endpoint.body()).path("version").asText()).isEqualTo("2");
            assertThat(send(restarted, "GET", "/v1/models/ocr", null).statusCode()).isEqualTo(200);
            Integer rows = restarted.metadata().jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM serving_metrics WHERE endpoint = 'ocr'").mapTo(Integer.class).one());
            assertThat(rows).as("serving metrics flushed at stop").isPositive();
        } finally {
            restarted.stop();
        }
    }

    private static void awaitAnswers(AtomicInteger answered, int atLeast) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answered.get() < atLeast && System.nanoTime() < until) {
            Thread.sleep(10);
        }
    }
}
