package dev.keel.server.workflow;

import static org.awaitility.Awaitility.await;

import dev.keel.client.KeelClient;
import dev.keel.client.datasets.LocalFiles;
import dev.keel.client.pipelines.PipelineRun;
import dev.keel.client.pipelines.PipelinesClient;
import dev.keel.core.config.BlobStoreConfig;
import dev.keel.core.config.DataSize;
import dev.keel.core.config.DatabaseConfig;
import dev.keel.core.config.DatasetsConfig;
import dev.keel.core.config.JobsConfig;
import dev.keel.core.config.KeelConfig;
import dev.keel.core.config.ServerConfig;
import dev.keel.server.KeelServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A real Keel server for pipeline tests (jobs in real child worker JVMs), with the tiny "points" dataset of the job
 * tests: two Gaussian blobs, 300 rows, a random train/validation/test split.
 */
final class PipelineTestServer implements AutoCloseable {
    static final String ADMIN_TOKEN = "keel_test-admin-token-0123456789abcdefghijklmnop";

    /** One epoch of a tiny MLP: seconds. */
    static final String TRAINING_SPEC = """
            name: points
            data: {dataset: "points:latest", splits: {train: train, validation: validation, test: test}, input: [x, y], label: label}
            preprocessing: {labels: {classes: [east, west]}}
            model: {architecture: mlp, layers: [{units: 8}]}
            training: {epochs: 1, batchSize: 32, seed: 5, optimizer: {kind: adam, learningRate: 0.05}}
            """;

    private final KeelServer server;

    private PipelineTestServer(KeelServer server) {
        this.server = server;
    }

    static PipelineTestServer start(Path home, DatabaseConfig database) {
        return start(home, database, 0);
    }

    static PipelineTestServer start(Path home, DatabaseConfig database, int port) {
        KeelConfig config = new KeelConfig(home, ServerConfig.defaults().withPort(port), database,
                BlobStoreConfig.local(home.resolve("blobs")), new DatasetsConfig(List.of(home.resolve("imports"))),
                Optional.of(ADMIN_TOKEN), new JobsConfig(2, DataSize.ofMegabytes(256), Map.of()));
        return new PipelineTestServer(new KeelServer(config, Clock.systemUTC()).start());
    }

    static PipelineTestServer start(Path home) {
        return start(home, DatabaseConfig.sqlite(home.resolve("keel.db")));
    }

    KeelServer server() {
        return server;
    }

    KeelClient admin() {
        return KeelClient.create(server.url(), ADMIN_TOKEN);
    }

    PipelinesClient pipelines() {
        return new PipelinesClient(admin());
    }

    /** Commits a new version of "points" (creating the dataset first when {@code create}); seed varies the rows. */
    void commitPoints(Path scratch, int seed, boolean create) throws IOException {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 300; i++) {
            boolean east = i % 2 == 0;
            csv.append(random.nextGaussian() + (east ? 2 : -2)).append(',').append(random.nextGaussian()).append(',')
                    .append(east ? "east" : "west").append('\n');
        }
        Path folder = Files.createDirectories(scratch.resolve("points-" + seed));
        Files.writeString(folder.resolve("points.csv"), csv);
        KeelClient admin = admin();
        if (create) {
            admin.datasets().create("points", "two blobs");
        }
        admin.datasets().commitFiles("points", null, "seed " + seed, List.of("latest"),
                LocalFiles.collect(List.of(folder)), List.of(), null, admin.json().readTree(
                        "{\"kind\": \"random\", \"seed\": 11, \"ratios\": {\"train\": 0.7, \"validation\": 0.15, \"test\": 0.15}}"),
                bytes -> {});
    }

    PipelineRun awaitEnded(String runId) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> pipelines().getRun(runId).ended());
        return pipelines().getRun(runId);
    }

    @Override
    public void close() {
        server.stop();
    }
}
