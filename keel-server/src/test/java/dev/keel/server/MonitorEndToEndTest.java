package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.keel.core.dataset.DatasetVersion;
import dev.keel.data.ingest.ChunkedFileStore;
import dev.keel.data.ingest.ChunkingParameters;
import dev.keel.data.version.DatasetService;
import dev.keel.data.version.FormatsVersionProfiler;
import dev.keel.data.version.ImportRequest;
import dev.keel.serve.registry.ModelRegistry;
import dev.keel.serve.registry.NewModelVersion;
import dev.keel.serve.runtime.ModelFormat;
import dev.keel.store.metadata.Project;
import dev.keel.train.tracking.NewRun;
import dev.keel.train.tracking.RunLineage;
import dev.keel.train.tracking.RunStatus;
import dev.keel.train.tracking.TrackingService;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics store end to end in a real server: a classifier whose lineage leads to a real dataset version
 * is deployed; in-distribution predictions leave drift low; shifted inputs raise the KS score of the input
 * mean above a rule's threshold, the alert fires and a real webhook receives it; {@code keel metrics query}
 * through the real CLI returns the endpoint's request rate.
 */
class MonitorEndToEndTest {
    private static final float[][] WEIGHTS = {{1, 0, -1}, {0, 1, -1}, {-1, 1, 0}, {0.5f, -0.5f, 1}};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @TempDir
    Path work;

    private TestServer server;
    private HttpServer hook;
    private final List<String> posted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(home);
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
    }

    @AfterEach
    void stop() {
        hook.stop(0);
        server.close();
    }

    @Test
    void shiftedInputsRaiseDriftFireTheAlertAndTheRequestRateIsQueryableFromTheCli() throws Exception {
        KeelServer keel = server.server();
        String runId = trainingLineage(keel);
        ModelRegistry registry = ModelRegistry.create(keel.metadata(), keel.blobs(), Clock.systemUTC());
        registry.createModel(Project.DEFAULT_ID, "sensor-model", Optional.empty(), Map.of());
        registry.registerVersion(Project.DEFAULT_ID, "sensor-model", new NewModelVersion(ModelFormat.ONNX,
                LinearOnnxModel.write(work.resolve("model.onnx"), WEIGHTS), "runs:/" + runId + "/model.onnx",
                Optional.of(runId), Optional.empty(), Map.of(), Optional.empty(), Optional.empty(), Map.of(), "test"));
        assertThat(send("POST", "/api/v1/endpoints", """
                {"endpoint": "sensors", "model": "sensor-model", "reference": "1", "maxBatchSize": 4,
                 "maxQueueDelayMicros": 0, "workers": 1, "warmupBatches": 1}""").statusCode()).isEqualTo(201);
        HttpResponse<String> rule = send("POST", "/api/v1/alerts/rules", """
                {"name": "input-drift", "metric": "keel_drift_ks", "match": {"endpoint": "sensors", "feature": "input.mean"},
                 "aggregation": "max", "condition": ">", "threshold": 0.3, "window": "PT10M", "for": "PT0S",
                 "severity": "critical", "labels": {"team": "ml"}, "webhook": "http://127.0.0.1:%d/hook"}"""
                .formatted(hook.getAddress().getPort()));
        assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
        keel.monitor().setSampleRate(1.0);

        predict(60, 0, new Random(7));
        keel.monitor().scoreDrift();
        JsonNode calm = JSON.readTree(send("GET", "/api/v1/drift?endpoint=sensors", null).body());
        assertThat(ks(calm)).as(calm.toString()).isLessThan(0.3);
        assertThat(keel.monitor().evaluateAlerts()).isEmpty();

        predict(120, 3, new Random(8));
        keel.monitor().scoreDrift();
        JsonNode shifted = JSON.readTree(send("GET", "/api/v1/drift?endpoint=sensors", null).body());
        assertThat(ks(shifted)).as(shifted.toString()).isGreaterThan(0.3);
        assertThat(shifted.path("scores").findValuesAsText("feature")).contains("prediction.class", "input[0]");
        assertThat(keel.monitor().evaluateAlerts()).singleElement()
                .satisfies(event -> assertThat(event.state()).isEqualTo("firing"));

        awaitUntil(() -> !posted.isEmpty(), Duration.ofSeconds(20));
        JsonNode delivered = JSON.readTree(posted.getFirst());
        assertThat(delivered.path("rule").asText()).isEqualTo("input-drift");
        assertThat(delivered.path("state").asText()).isEqualTo("firing");
        assertThat(delivered.path("labels").path("team").asText()).isEqualTo("ml");
        assertThat(JSON.readTree(send("GET", "/api/v1/alerts/events", null).body()).path("events"))
                .singleElement().satisfies(e -> assertThat(e.path("severity").asText()).isEqualTo("critical"));

        keel.monitor().flush(); // the serving interval so far, instead of waiting for its 10 s schedule
        assertThat(send("GET", "/api/v1/metrics/series?name=keel_serving_requests", null).body()).contains("sensors");
        KeelProcess.Result cli = KeelProcess.against(server.url(), TestServer.ADMIN_TOKEN, work, work,
                Duration.ofSeconds(90)).run("metrics", "query", "keel_serving_requests",
                "--label", "endpoint=sensors", "--from", "-10m", "--step", "10m", "--agg", "sum", "--output", "json");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        JsonNode result = JSON.readTree(cli.out());
        assertThat(result.path("resolution").asText()).isEqualTo("raw");
        double requests = 0;
        for (JsonNode point : result.path("series").get(0).path("points")) {
            requests += point.get(1).asDouble();
        }
        assertThat(requests).as(cli.out()).isGreaterThanOrEqualTo(180);
    }

    @Test
    void badQueriesAndRulesAreRejectedNamingTheFields() throws Exception {
        HttpResponse<String> query = send("GET", "/api/v1/metrics/query?name=x&from=yesterday&step=fast&agg=median", null);
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(query.body()).contains("from: yesterday").contains("step: fast").contains("agg: median");

        HttpResponse<String> rule = send("POST", "/api/v1/alerts/rules", """
                {"name": "r", "metric": "m", "condition": "!=", "threshold": 1, "window": "PT1M"}""");
        assertThat(rule.statusCode()).isEqualTo(400);
        assertThat(rule.body()).contains("condition: !=");
        assertThat(send("GET", "/api/v1/drift", null).body()).contains("endpoint: missing");
    }

    @Test
    void viewersReadRulesButOnlyEditorsWriteThem() throws Exception {
        String viewer = server.admin().tokens().create("watcher", "viewer").token();

        HttpResponse<String> create = server.send("POST", "/api/v1/alerts/rules", viewer, """
                {"name": "r", "metric": "m", "condition": ">", "threshold": 1, "window": "PT1M"}""");

        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(server.send("GET", "/api/v1/alerts/rules", viewer, null).statusCode()).isEqualTo(200);
    }

    @Test
    void alertRulesAreManagedFromTheCli() throws Exception {
        KeelProcess keel = KeelProcess.against(server.url(), TestServer.ADMIN_TOKEN, work, work, Duration.ofSeconds(90));

        KeelProcess.Result created = keel.run("alerts", "rules", "create", "slow", "--metric",
                "keel_serving_latency_seconds", "--label", "quantile=0.99", "--agg", "max", "--condition", ">",
                "--threshold", "0.5", "--window", "5m", "--for", "1m", "--severity", "critical");
        assertThat(created.exitCode()).as(created.err()).isZero();
        KeelProcess.Result listed = keel.run("alerts", "rules", "list", "--output", "json");
        JsonNode rules = JSON.readTree(listed.out());
        assertThat(rules).singleElement().satisfies(r -> {
            assertThat(r.path("name").asText()).isEqualTo("slow");
            assertThat(r.path("window").asText()).isEqualTo("PT5M");
            assertThat(r.path("for").asText()).isEqualTo("PT1M");
            assertThat(r.path("match").path("quantile").asText()).isEqualTo("0.99");
        });
        assertThat(keel.run("alerts", "rules", "delete", "slow").exitCode()).isZero();
        KeelProcess.Result bad = keel.run("alerts", "rules", "create", "bad", "--metric", "m", "--condition", "=",
                "--threshold", "1");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("condition: =");
    }

    /** A dataset version of 4 numeric features and a label, and a finished run trained on it. */
    private String trainingLineage(KeelServer keel) throws Exception {
        Path csv = work.resolve("data.csv");
        StringBuilder rows = new StringBuilder("f0,f1,f2,f3,label\n");
        Random random = new Random(1);
        for (int i = 0; i < 400; i++) {
            double[] x = features(random, 0);
            rows.append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f,%.5f,%s%n", x[0], x[1], x[2], x[3],
                    List.of("a", "b", "c").get(argmax(x))));
        }
        Files.writeString(csv, rows);
        DatasetService datasets = new DatasetService(keel.metadata(),
                new ChunkedFileStore(keel.blobs(), keel.metadata(), ChunkingParameters.defaults(), Clock.systemUTC()),
                new FormatsVersionProfiler(new ObjectMapper()), Clock.systemUTC(), () -> UUID.randomUUID().toString(),
                List.of());
        datasets.createDataset(null, "sensors", "four sensors and a class");
        DatasetVersion version = datasets.importPath(null, "sensors", new ImportRequest(csv, null, "first", "test",
                List.of(), null, JSON.readTree("""
                        {"kind": "random", "table": "data", "seed": 1, "ratios": {"train": 0.8, "test": 0.2}}""")));
        TrackingService tracking = new TrackingService(keel.metadata(), keel.blobs(), Clock.systemUTC(), new Random(2));
        String spec = """
                {"data": {"dataset": "sensors@%d", "input": ["f0", "f1", "f2", "f3"], "label": "label"},
                 "preprocessing": {"labels": {"classes": ["a", "b", "c"]}},
                 "model": {"architecture": "mlp"}}""".formatted(version.number());
        return tracking.createRun(new NewRun(TrackingService.DEFAULT_EXPERIMENT_ID, "train-sensors", "test",
                Instant.now(), RunStatus.FINISHED, Map.of(), Map.of(),
                new RunLineage(version.id(), version.contentHash(), null, spec, 1L), null)).info().id();
    }

    private static double[] features(Random random, double shift) {
        double[] x = new double[4];
        for (int i = 0; i < 4; i++) {
            x[i] = random.nextGaussian() + shift;
        }
        return x;
    }

    private static int argmax(double[] x) {
        double[] scores = new double[3];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 4; i++) {
                scores[c] += x[i] * WEIGHTS[i][c];
            }
        }
        return scores[0] >= scores[1] && scores[0] >= scores[2] ? 0 : scores[1] >= scores[2] ? 1 : 2;
    }

    private void predict(int requests, double shift, Random random) throws Exception {
        for (int i = 0; i < requests; i++) {
            double[] x = features(random, shift);
            HttpResponse<String> response = send("POST", "/api/v1/endpoints/sensors/predict",
                    "{\"inputs\": {\"x\": [[" + x[0] + ", " + x[1] + ", " + x[2] + ", " + x[3] + "]]}}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }

    private static double ks(JsonNode drift) {
        for (JsonNode score : drift.path("scores")) {
            if (score.path("feature").asText().equals("input.mean") && score.path("method").asText().equals("ks")) {
                return score.path("value").asDouble();
            }
        }
        throw new AssertionError("no KS score of input.mean in " + drift);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return server.send(method, path, TestServer.ADMIN_TOKEN, body);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitUntil(Check check, Duration timeout) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not reached within " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
