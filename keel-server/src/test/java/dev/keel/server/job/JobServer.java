package dev.keel.server.job;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.client.KeelClient;
import dev.keel.client.datasets.LocalFiles;
import dev.keel.core.config.BlobStoreConfig;
import dev.keel.core.config.DataSize;
import dev.keel.core.config.DatasetsConfig;
import dev.keel.core.config.JobsConfig;
import dev.keel.core.config.KeelConfig;
import dev.keel.core.config.ServerConfig;
import dev.keel.server.KeelServer;
import dev.keel.core.config.DatabaseConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

/**
 * A real Keel server on a random loopback port whose jobs run in real child worker JVMs, with a tiny synthetic
 * dataset ("points": two Gaussian blobs, 300 rows, random train/validation/test split) committed through the API.
 * {@code workerEnvironment} carries the worker's test hooks.
 */
final class JobServer implements AutoCloseable {
    static final String ADMIN_TOKEN = "keel_test-admin-token-0123456789abcdefghijklmnop";

    /** 2 epochs of ~7 steps, a checkpoint after each epoch. */
    static final String SPEC = """
            name: points
            data: {dataset: "points:latest", splits: {train: train, validation: validation, test: test}, input: [x, y], label: label}
            preprocessing: {labels: {classes: [east, west]}}
            model: {architecture: mlp, layers: [{units: 8}]}
            training: {epochs: 2, batchSize: 32, seed: 5, optimizer: {kind: adam, learningRate: 0.05}, checkpoint: {everyEpochs: 1}}
            """;

    private final KeelServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private JobServer(KeelServer server) {
        this.server = server;
    }

    static JobServer start(Path home, Map<String, String> workerEnvironment) {
        KeelConfig config = new KeelConfig(home, ServerConfig.defaults().withPort(0),
                DatabaseConfig.sqlite(home.resolve("keel.db")), BlobStoreConfig.local(home.resolve("blobs")),
                new DatasetsConfig(List.of(home.resolve("imports"))), Optional.of(ADMIN_TOKEN),
                new JobsConfig(1, DataSize.ofMegabytes(256), workerEnvironment));
        return new JobServer(new KeelServer(config, Clock.systemUTC()).start());
    }

    KeelServer server() {
        return server;
    }

    KeelClient admin() {
        return KeelClient.create(server.url(), ADMIN_TOKEN);
    }

    /** Commits the points dataset (version 1, tag latest). */
    void commitPoints(Path scratch) throws IOException {
        Random random = new Random(3);
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 300; i++) {
            boolean east = i % 2 == 0;
            csv.append(random.nextGaussian() + (east ? 2 : -2)).append(',').append(random.nextGaussian()).append(',')
                    .append(east ? "east" : "west").append('\n');
        }
        Path folder = Files.createDirectories(scratch.resolve("points"));
        Files.writeString(folder.resolve("points.csv"), csv);
        KeelClient admin = admin();
        admin.datasets().create("points", "two blobs");
        admin.datasets().commitFiles("points", null, "v1", List.of("latest"), LocalFiles.collect(List.of(folder)),
                List.of(), null, admin.json().readTree(
                        "{\"kind\": \"random\", \"seed\": 11, \"ratios\": {\"train\": 0.7, \"validation\": 0.15, \"test\": 0.15}}"),
                bytes -> {});
    }

    JsonNode submit(String spec) {
        return admin().post("/api/v1/jobs", Map.of("spec", spec), JsonNode.class);
    }

    JsonNode job(String id) {
        return admin().get("/api/v1/jobs/" + id, JsonNode.class);
    }

    JsonNode awaitJob(String id, Predicate<JsonNode> condition) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> condition.test(job(id)));
        return job(id);
    }

    JsonNode awaitEnded(String id) {
        return awaitJob(id, job -> List.of("succeeded", "failed", "cancelled").contains(job.path("state").asText()));
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_TOKEN);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.stop();
    }
}
