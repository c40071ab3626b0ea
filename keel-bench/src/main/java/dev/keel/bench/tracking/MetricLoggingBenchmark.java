package dev.keel.bench.tracking;

import dev.keel.core.config.BlobStoreConfig;
import dev.keel.core.config.DatabaseConfig;
import dev.keel.store.blob.BlobStore;
import dev.keel.store.blob.BlobStores;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.train.loop.StepProgress;
import dev.keel.train.tracking.AsyncMetricWriter;
import dev.keel.train.tracking.MetricPoint;
import dev.keel.train.tracking.MetricWriter;
import dev.keel.train.tracking.NewRun;
import dev.keel.train.tracking.TrackingListener;
import dev.keel.train.tracking.TrackingService;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Issue 3's tracking figures, on SQLite (the embedded default):
 * <ol>
 *   <li>logging N metric points (default 1,000,000) through the batch API ({@link MetricWriter}, one JDBC batch
 *       and one transaction per batch): points/s, target >= 100,000;</li>
 *   <li>the same through {@link AsyncMetricWriter} (what training uses), counting until the last point is durable;</li>
 *   <li>tracking overhead per training step: CPU spent in {@link TrackingListener#onStep} (3 points per step) and
 *       in the background writer, per step of a CPU-bound stand-in (default 2,000 steps of 2 ms), target <= 3%.</li>
 * </ol>
 * Usage: {@code scripts/bench tracking.MetricLoggingBenchmark [points] [batchSize] [steps] [stepMillis]}.
 */
public final class MetricLoggingBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private MetricLoggingBenchmark() {}

    public static void main(String[] args) throws Exception {
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        double stepMillis = args.length > 3 ? Double.parseDouble(args[3]) : 2.0;
        Path dir = Files.createTempDirectory("keel-metric-bench");
        try (MetadataStore store = MetadataStore.open(DatabaseConfig.sqlite(dir.resolve("metadata.db")));
                BlobStore blobs = BlobStores.open(BlobStoreConfig.local(dir.resolve("blobs")))) {
            TrackingService tracking = new TrackingService(store, blobs, Clock.systemUTC(), new SecureRandom());
            String experiment = tracking.createExperiment("bench", Map.of()).id();

            String warmup = run(tracking, experiment, "warm-up");
            logSynchronously(tracking, warmup, 100_000, batchSize);

            String syncRun = run(tracking, experiment, "batch-api");
            long cpuBefore = THREADS.getCurrentThreadCpuTime();
            double syncSeconds = logSynchronously(tracking, syncRun, points, batchSize);
            double syncCpu = (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e9;
            report("batch API (MetricWriter)", points, syncSeconds);
            System.out.printf(Locale.ROOT, "  (the logging thread was on a CPU for %.2f s of that: %,.0f points per CPU-second;"
                    + " SQLite runs in that thread)%n", syncCpu, points / syncCpu);

            String asyncRun = run(tracking, experiment, "async");
            double asyncSeconds = logAsynchronously(tracking, asyncRun, points, batchSize);
            report("async writer (log + final flush)", points, asyncSeconds);

            overhead(tracking, experiment, steps, stepMillis);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static String run(TrackingService tracking, String experiment, String name) {
        return tracking.createRun(NewRun.of(experiment, name, "bench", null, Map.of())).id();
    }

    /** Ten metric keys, steps increasing: the shape of a training run's logging. */
    private static double logSynchronously(TrackingService tracking, String runId, int points, int batchSize) {
        MetricWriter writer = tracking.metricWriter(batchSize);
        long start = System.nanoTime();
        for (int i = 0; i < points; i++) {
            writer.add(runId, new MetricPoint("metric_" + (i % 10), 1.0 / (i + 1), i / 10, 1_700_000_000_000L + i));
        }
        writer.flush();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double logAsynchronously(TrackingService tracking, String runId, int points, int batchSize) {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (AsyncMetricWriter writer = new AsyncMetricWriter(tracking.metricWriter(batchSize), executor, batchSize,
                batchSize * 10, Duration.ofMillis(200))) {
            long start = System.nanoTime();
            for (int i = 0; i < points; i++) {
                writer.log(runId, new MetricPoint("metric_" + (i % 10), 1.0 / (i + 1), i / 10, 1_700_000_000_000L + i));
            }
            writer.flush();
            return (System.nanoTime() - start) / 1e9;
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Tracking's CPU cost per step, measured rather than inferred from wall time (which, on a shared machine,
     * other processes' load swamps): time inside {@code onStep} on the training thread, plus the CPU time of
     * the background writer thread, divided by the step count; compared with the step time.
     */
    private static void overhead(TrackingService tracking, String experiment, int steps, double stepMillis) {
        long spinNanos = (long) (stepMillis * 1e6);
        AtomicLong writerThread = new AtomicLong(-1);
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "metric-writer");
            writerThread.set(thread.threadId());
            return thread;
        });
        String runId = run(tracking, experiment, "overhead");
        long inListener;
        long writerCpu;
        try (AsyncMetricWriter writer = new AsyncMetricWriter(tracking.metricWriter(1000), executor, 1000, 100_000,
                Duration.ofMillis(500))) {
            TrackingListener listener = new TrackingListener(runId, writer, Clock.systemUTC());
            inListener = timeSteps(steps, spinNanos, listener);
            writer.flush();
            writerCpu = THREADS.getThreadCpuTime(writerThread.get());
        } finally {
            executor.shutdownNow();
        }
        double perStepMicros = (inListener + Math.max(0, writerCpu)) / 1e3 / steps;
        System.out.printf(Locale.ROOT, "tracking overhead: %d steps, 3 points/step: %.2f us in onStep + %.2f us writer CPU"
                + " = %.2f us per step = %.3f%% of a %.1f ms step (target <= 3%%)%n", steps, inListener / 1e3 / steps,
                Math.max(0, writerCpu) / 1e3 / steps, perStepMicros, 100 * perStepMicros / (stepMillis * 1e3), stepMillis);
    }

    /** Steps of pure CPU work (a stand-in for a forward/backward pass); returns the nanoseconds spent in onStep. */
    private static long timeSteps(int steps, long spinNanos, TrackingListener listener) {
        long inListener = 0;
        double sink = 0;
        for (int step = 1; step <= steps; step++) {
            long until = System.nanoTime() + spinNanos;
            while (System.nanoTime() < until) {
                sink += Math.sqrt(step + sink % 7);
            }
            // CPU time, not wall time: on a shared machine a preemption inside onStep is not tracking's cost.
            long before = THREADS.getCurrentThreadCpuTime();
            listener.onStep(new StepProgress(step, 1, 1.0 / step, 0.01, 32, 1000 + sink % 2));
            inListener += THREADS.getCurrentThreadCpuTime() - before;
        }
        return inListener;
    }

    private static void report(String what, int points, double seconds) {
        System.out.printf(Locale.ROOT, "%s: %,d points in %.2f s = %,.0f points/s (target >= 100,000)%n", what, points,
                seconds, points / seconds);
    }
}
