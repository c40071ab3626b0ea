package dev.keel.server.quickstart;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.keel.cli.jobs.TrainingProgress;
import dev.keel.client.KeelClient;
import dev.keel.client.endpoints.Deployment;
import dev.keel.client.endpoints.EndpointInfo;
import dev.keel.client.endpoints.EndpointsClient;
import dev.keel.client.jobs.Job;
import dev.keel.client.jobs.JobsClient;
import dev.keel.client.models.ModelVersionInfo;
import dev.keel.client.models.ModelsClient;
import dev.keel.client.monitor.DriftReport;
import dev.keel.client.monitor.MetricsQuery;
import dev.keel.client.monitor.MetricsResult;
import dev.keel.client.monitor.MonitorClient;
import dev.keel.core.dataset.DatasetVersion;
import dev.keel.core.config.KeelConfig;
import dev.keel.core.config.KeelConfigLoader;
import dev.keel.server.KeelServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The whole loop on genuine Fashion-MNIST, through the platform's real HTTP API exactly as a user's client would
 * drive it: an embedded server (SQLite, local blobs, local job executor) → a versioned dataset → a tracked CNN
 * training job → registry, ONNX export through the parity gate, deployment behind the batcher → the test split
 * through the endpoint → a new dataset version that fires the retrain pipeline → its promotion decision.
 */
final class Quickstart {
    static final String DATASET = "fashion-mnist";
    static final String MODEL = "fashion-mnist-cnn";
    static final String ENDPOINT = "fashion-mnist";
    static final String ALIAS = "production";
    private static final String SPEC = "/dev/keel/server/quickstart/fashion-mnist-cnn.yaml";

    /** What the user chose; see {@link QuickstartCommand} for each option's meaning. */
    record Options(Path home, int port, String data, int epochs, double firstFraction, int testLimit,
            int clientThreads, boolean keepRunning) {
        Options {
            requireNonNull(home, "home is null");
            if (epochs < 1) {
                throw new IllegalArgumentException("--epochs: " + epochs + " (expected: >= 1)");
            }
            if (clientThreads < 1) {
                throw new IllegalArgumentException("--client-threads: " + clientThreads + " (expected: >= 1)");
            }
        }
    }

    private final Options options;
    private final Map<String, String> env;
    private final PrintWriter out;
    private final StepPrinter steps;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    Quickstart(Options options, Map<String, String> env, PrintWriter out) {
        this.options = requireNonNull(options, "options is null");
        this.env = Map.copyOf(env);
        this.out = requireNonNull(out, "out is null");
        this.steps = new StepPrinter(out, 7);
    }

    /** Runs every step; returns once done (or, with keepRunning, when the server is told to stop). */
    void run(Runnable awaitStop) throws InterruptedException {
        steps.begin("Start an embedded Keel platform");
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("server.port", String.valueOf(options.port()));
        KeelConfig config = KeelConfigLoader.loadOrThrow(options.home(), env, overrides);
        try (KeelServer server = new KeelServer(config, Clock.systemUTC()).start()) {
            try {
                String token = server.generatedAdminToken().orElseThrow(() -> new IllegalArgumentException("--home: "
                        + options.home() + " already holds a Keel platform (expected: an empty or new folder; the"
                        + " quickstart builds its platform from scratch)"));
                KeelClient client = KeelClient.create(server.url(), token);
                // The test split is small next to production traffic: sample every batch for drift, not one in ten.
                server.monitor().setSampleRate(1.0);
                steps.done("server on " + server.url() + ", home " + options.home()
                        + " (SQLite, local blobs, local executor)");

                Tour tour = new Tour(client);
                tour.importData();
                tour.train();
                tour.deploy();
                tour.scoreTestSplit();
                RetrainStep.Outcome retrain = new RetrainStep(client, steps, yaml).run(tour.data, tour.spec,
                        options.epochs());
                if (retrain.promoted()) {
                    tour.rescore(retrain.servedVersion());
                }
                steps.done(retrain.summary());
                printMonitoringAndNextSteps(server, client, token);
            } catch (RuntimeException e) {
                steps.failed(e.getMessage());
                throw e;
            }
            if (options.keepRunning()) {
                out.println();
                out.println("Keel keeps running (--keep-running); press Ctrl-C to stop it.");
                out.flush();
                awaitStop.run();
            }
        }
    }

    /** Steps 2–5; the state one step hands the next. */
    private final class Tour {
        private final KeelClient client;
        private QuickstartData.Versions data;
        private ObjectNode spec;
        private String runId;
        private List<TestSplitScorer.Example> examples;

        Tour(KeelClient client) {
            this.client = client;
        }

        void importData() {
            steps.begin("Import genuine Fashion-MNIST as a versioned dataset");
            data = QuickstartData.prepare(options.data(), options.home().resolve("quickstart-data"),
                    options.firstFraction(), options.testLimit());
            steps.detail("source: %s", data.description());
            client.datasets().create(DATASET, "Fashion-MNIST (Zalando, MIT licence): 28×28 grey images, 10 classes");
            DatasetVersion version = client.datasets().commitFiles(DATASET, null, "first delivery: "
                    + data.firstTrainCount() + " training images", List.of("first-delivery"), data.first(), List.of(),
                    null, null, bytes -> { });
            steps.done(String.format(Locale.ROOT, "%s v%d: %d training and %d test images, content hash %s…",
                    DATASET, version.number(), data.firstTrainCount(), data.testCount(),
                    version.contentHash().substring(0, 12)));
        }

        void train() throws InterruptedException {
            steps.begin("Train the CNN (tracked run on the job executor)");
            spec = spec(DATASET + "@1", options.epochs(), data.firstTrainCount());
            Job job = new JobsClient(client).submit(spec.toString(), "quickstart", "cnn-first-delivery");
            steps.detail("job %s, run %s: %s", job.id(), job.runId(), describeModel());
            job = follow(client, job);
            runId = job.runId();
            JsonNode run = client.get("/api/v1/runs/" + runId, JsonNode.class);
            steps.done(String.format(Locale.ROOT, "%s in %d epoch(s): val_accuracy %.4f", job.state(),
                    job.progress().epoch(), latestMetric(run, "val_accuracy")));
        }

        /**
         * As the retrain pipeline's register, promote and deploy steps do: the alias names the registered (Keel
         * bundle) version, whose tracked metrics a later promotion compares; the endpoint serves its ONNX export.
         */
        void deploy() {
            steps.begin("Register, export to ONNX through the parity gate, deploy behind the batcher");
            ModelsClient models = new ModelsClient(client);
            ModelVersionInfo bundle = models.registerFromRun(MODEL, runId, dev.keel.train.job.JobArtifacts.MODEL_PATH,
                    Optional.of("CNN trained by the quickstart on " + DATASET + "@1"));
            models.setAlias(MODEL, ALIAS, bundle.version(), Optional.of("quickstart: first model"));
            steps.detail("registered %s v%d (Keel bundle) from run %s as %s", MODEL, bundle.version(), runId, ALIAS);
            ModelVersionInfo onnx = models.export(MODEL, String.valueOf(bundle.version()));
            steps.detail("exported v%d to ONNX as v%d; parity gate: max |ONNX Runtime − training engine| = %s",
                    bundle.version(), onnx.version(), onnx.tags().getOrDefault("keel.export.maxAbsoluteDeviation", "?"));
            EndpointInfo endpoint = new EndpointsClient(client).deploy(
                    Deployment.of(ENDPOINT, MODEL, String.valueOf(onnx.version())).withBatching(32, 500));
            steps.done(String.format(Locale.ROOT, "endpoint %s serves %s v%s with ONNX Runtime, max batch %d,"
                    + " max queue delay %d µs", ENDPOINT, MODEL, endpoint.version(), endpoint.maxBatchSize(),
                    endpoint.maxQueueDelayMicros()));
        }

        void scoreTestSplit() throws InterruptedException {
            steps.begin("Send the test split through the HTTP endpoint");
            TestSplitScorer scorer = new TestSplitScorer(client, options.clientThreads());
            JsonNode normalization = spec.path("preprocessing").path("normalization");
            examples = scorer.testSplit(DATASET, "1",
                    (float) normalization.path("mean").asDouble(), (float) normalization.path("std").asDouble());
            steps.detail("%d images from %s@1 split test, %d client threads, one image per request",
                    examples.size(), DATASET, options.clientThreads());
            steps.done(scorer.score(ENDPOINT, examples).describe());
        }

        /** After a promotion: the same test images through the same endpoint, now answered by the new version. */
        void rescore(String version) throws InterruptedException {
            TestSplitScorer.Score score = new TestSplitScorer(client, options.clientThreads()).score(ENDPOINT, examples);
            steps.detail("the endpoint after the swap (answered by v%s): %s", String.join(",", score.versions()),
                    score.describe());
            if (!score.versions().equals(List.of(version))) {
                throw new IllegalStateException("after the promotion the endpoint answered with versions "
                        + score.versions() + " (expected: only " + version + ")");
            }
        }

        private String describeModel() {
            JsonNode model = spec.path("model");
            return String.format(Locale.ROOT, "%s, conv %s, dense %s, %d epoch(s), batch %d", model.path("architecture").asText(),
                    model.path("conv").findValuesAsText("channels"), model.path("dense").findValuesAsText("units"),
                    spec.path("training").path("epochs").asInt(), spec.path("training").path("batchSize").asInt());
        }
    }

    /**
     * The example CNN spec with its dataset reference and epochs replaced, and its learning-rate warm-up cut to a
     * tenth of the run when the run is shorter than the example's (a 1-epoch run on a slice would otherwise spend
     * most of its steps warming up).
     */
    ObjectNode spec(String datasetRef, int epochs, int trainExamples) {
        try (InputStream in = Quickstart.class.getResourceAsStream(SPEC)) {
            if (in == null) {
                throw new IllegalStateException("the quickstart's training spec is missing from the jar: " + SPEC);
            }
            ObjectNode spec = (ObjectNode) yaml.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            ((ObjectNode) spec.path("data")).put("dataset", datasetRef);
            ObjectNode training = (ObjectNode) spec.path("training");
            training.put("epochs", epochs);
            long steps = (long) Math.ceil(trainExamples / training.path("batchSize").asDouble(128)) * epochs;
            JsonNode warmup = training.path("schedule").path("warmupSteps");
            if (warmup.isNumber() && warmup.asLong() > steps / 10) {
                ((ObjectNode) training.path("schedule")).put("warmupSteps", Math.max(1, steps / 10));
            }
            return spec;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Follows a job with the CLI's progress bar until it ends; a job that did not succeed ends the quickstart. */
    static Job follow(KeelClient client, Job submitted) throws InterruptedException {
        Job job = submitted;
        try (TrainingProgress progress = new TrainingProgress(System.err, TrainingProgress.terminal())) {
            while (!job.ended()) {
                progress.update(job);
                Thread.sleep(500);
                job = new JobsClient(client).get(job.id());
            }
            progress.update(job);
        }
        if (!"succeeded".equals(job.state())) {
            throw new IllegalStateException("training job " + job.id() + " " + job.state() + ": " + job.reason());
        }
        return job;
    }

    static double latestMetric(JsonNode run, String key) {
        JsonNode metrics = run.path("metrics");
        if (metrics.has(key)) {
            JsonNode value = metrics.get(key);
            return value.isObject() ? value.path("value").asDouble() : value.asDouble();
        }
        for (JsonNode metric : run.path("latestMetrics")) {
            if (key.equals(metric.path("key").asText())) {
                return metric.path("value").asDouble();
            }
        }
        return Double.NaN;
    }

    private void printMonitoringAndNextSteps(KeelServer server, KeelClient client, String token) {
        steps.begin("Monitoring, and where to look next");
        // The server writes these every few seconds; flushing now makes the figures cover every request sent.
        server.monitor().flush();
        server.monitor().scoreDrift();
        MonitorClient monitor = new MonitorClient(client);
        MetricsResult requests = monitor.query(new MetricsQuery("keel_serving_requests", Map.of("endpoint", ENDPOINT),
                Optional.of("-1h"), Optional.empty(), Optional.of("1h"), Optional.of("sum"), List.of("version")));
        List<String> perVersion = requests.series().stream().map(series -> String.format(Locale.ROOT, "v%s: %.0f",
                series.labels().get("version"), series.points().stream().mapToDouble(p -> p.get(1)).sum())).toList();
        steps.detail("metrics    requests recorded for endpoint %s by version: %s", ENDPOINT, String.join(", ", perVersion));
        DriftReport drift = monitor.drift(ENDPOINT);
        steps.detail("drift      endpoint %s (v%s) vs its training data over %s: %s", ENDPOINT, drift.version(),
                drift.window(), drift.scores().isEmpty() ? "no score yet (too few sampled predictions)"
                        : String.join(", ", drift.scores().stream().map(score -> String.format(Locale.ROOT,
                                "%s %s %.3f (%d live, %d reference)", score.feature(), score.method(), score.value(),
                                score.liveSize(), score.referenceSize())).toList()));
        String url = server.url().toString();
        steps.detail("server     %s   (token %s)", url, token);
        steps.detail("login      ./keel login --url %s --token %s", url, token);
        steps.detail("datasets   ./keel datasets versions %s    ./keel datasets diff %s 1 2", DATASET, DATASET);
        steps.detail("runs       ./keel runs list --sort \"metrics.val_accuracy DESC\"    ./keel runs compare RUN_A RUN_B");
        steps.detail("models     ./keel models versions %s    ./keel models history %s", MODEL, MODEL);
        steps.detail("pipelines  ./keel pipelines runs    ./keel pipelines show RUN_ID");
        steps.detail("monitor    ./keel metrics query keel_serving_requests --label endpoint=%s --agg sum    "
                + "./keel metrics drift %s    ./keel alerts rules list", ENDPOINT, ENDPOINT);
        steps.detail("endpoints  ./keel endpoints list    ./keel endpoints show %s", ENDPOINT);
        steps.detail("predict    curl -H 'Authorization: Bearer %s' %s/v2/models/%s", token, url, ENDPOINT);
        steps.done(String.format(Locale.ROOT, "every step worked, %.0f s in all%s", steps.elapsedSeconds(),
                options.keepRunning() ? "" : " (rerun with --keep-running to explore; this server stops now)"));
    }
}
