package dev.keel.server.job.worker;

import static java.util.Objects.requireNonNull;

import dev.keel.train.job.JobArtifacts;
import dev.keel.train.job.JobProgress;
import dev.keel.train.loop.EpochMetrics;
import dev.keel.train.loop.RunStart;
import dev.keel.train.loop.StepProgress;
import dev.keel.train.loop.TrainingListener;
import dev.keel.train.loop.TrainingResult;
import dev.keel.train.tracking.MetricPoint;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Streams a run's progress to the API: metrics in batches (every {@link #BATCH} points or {@link #FLUSH_MILLIS},
 * sent in order by one background thread so the training thread never waits for the network), progress reports
 * to the job at most once a second (throughput over the last second of steps, not the last step's), and each
 * checkpoint uploaded as a run artifact before the run's checkpoint tag points at it. Metric names match the
 * in-process {@code TrackingListener}.
 */
final class WorkerListener implements TrainingListener {
    static final int BATCH = 1000;
    static final long FLUSH_MILLIS = 1000;
    private static final long REPORT_MILLIS = 1000;

    /** Test hooks, read from the environment: slow every step, or halt after N checkpoints (attempt 1 only). */
    record TestHooks(long stepDelayMillis, int haltAfterCheckpoints, int haltCode) {
        static final TestHooks NONE = new TestHooks(0, 0, 0);

        static TestHooks from(Map<String, String> env, int attempt) {
            long delay = Long.parseLong(env.getOrDefault("KEEL_WORKER_TEST_STEP_DELAY_MS", "0"));
            int halt = attempt == 1 ? Integer.parseInt(env.getOrDefault("KEEL_WORKER_TEST_HALT_AFTER_CHECKPOINTS", "0")) : 0;
            int code = Integer.parseInt(env.getOrDefault("KEEL_WORKER_TEST_HALT_CODE", "3"));
            return new TestHooks(delay, halt, code);
        }
    }

    private final WorkerApi api;
    private final String runId;
    private final Clock clock;
    private final TestHooks hooks;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "keel-worker-metrics");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Future<?>> pending = new ArrayList<>();
    private final ThroughputWindow throughput = new ThroughputWindow(REPORT_MILLIS);
    private List<MetricPoint> buffer = new ArrayList<>();
    private long lastFlush;
    private long lastReport;
    private long totalSteps;
    private JobProgress progress = JobProgress.NONE;
    private int checkpoints;

    WorkerListener(WorkerApi api, String runId, Clock clock, TestHooks hooks) {
        this.api = requireNonNull(api, "api is null");
        this.runId = requireNonNull(runId, "runId is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.hooks = requireNonNull(hooks, "hooks is null");
    }

    JobProgress progress() {
        return progress;
    }

    @Override
    public void onStart(RunStart start) {
        totalSteps = start.totalSteps();
        progress = new JobProgress(start.resumedFromStep(), totalSteps, 0, Double.NaN, Double.NaN);
        add(new MetricPoint("parameter_count", start.parameterCount(), start.resumedFromStep(), clock.millis()));
        api.report("running", null, progress);
    }

    @Override
    public void onStep(StepProgress step) {
        long now = clock.millis();
        add(new MetricPoint("loss", step.loss(), step.step(), now));
        add(new MetricPoint("learning_rate", step.learningRate(), step.step(), now));
        add(new MetricPoint("samples_per_second", step.samplesPerSecond(), step.step(), now));
        // NaN (shown as "-") until a second of steps has passed.
        progress = new JobProgress(step.step(), totalSteps, step.epoch(), step.loss(),
                throughput.add(step.samples(), now));
        if (buffer.size() >= BATCH || now - lastFlush >= FLUSH_MILLIS) {
            flushAsync();
        }
        if (now - lastReport >= REPORT_MILLIS) {
            lastReport = now;
            JobProgress current = progress;
            pending.add(sender.submit(() -> api.report("running", null, current)));
        }
        if (hooks.stepDelayMillis() > 0) {
            sleep(hooks.stepDelayMillis());
        }
    }

    @Override
    public void onEpoch(EpochMetrics epoch) {
        long now = clock.millis();
        add(new MetricPoint("epoch", epoch.epoch(), epoch.step(), now));
        epoch.metrics().forEach((key, value) -> add(new MetricPoint(key, value, epoch.step(), now)));
        flushAsync();
        throughput.restart();
    }

    @Override
    public void onCheckpoint(Path path, long step, int epoch) {
        // Uploaded now: the trainer replaces the file with the next checkpoint. The tag moves only after the upload.
        String artifact = JobArtifacts.checkpointPath(step);
        flush();
        api.uploadArtifact(runId, artifact, path);
        api.log(runId, List.of(), Map.of(JobArtifacts.CHECKPOINT_TAG, artifact));
        throughput.restart();
        checkpoints++;
        if (hooks.haltAfterCheckpoints() > 0 && checkpoints >= hooks.haltAfterCheckpoints()) {
            System.out.println("test hook: halting with code " + hooks.haltCode() + " after checkpoint " + artifact);
            System.out.flush();
            Runtime.getRuntime().halt(hooks.haltCode());
        }
    }

    @Override
    public void onFinish(TrainingResult result) {
        long now = clock.millis();
        for (Map.Entry<String, Double> metric : result.testMetrics().entrySet()) {
            String key = metric.getKey().startsWith("test_") ? metric.getKey() : "test_" + metric.getKey();
            add(new MetricPoint(key, metric.getValue(), result.steps(), now));
        }
        flush();
    }

    private void add(MetricPoint point) {
        // The tracking API stores finite values only as numbers; a NaN metric (no validation split) is skipped.
        if (Double.isFinite(point.value())) {
            buffer.add(point);
        }
    }

    private void flushAsync() {
        lastFlush = clock.millis();
        if (buffer.isEmpty()) {
            return;
        }
        List<MetricPoint> batch = buffer;
        buffer = new ArrayList<>();
        pending.add(sender.submit(() -> api.log(runId, batch, Map.of())));
        pending.removeIf(Future::isDone);
    }

    /** Sends everything buffered and waits for it; a failed send fails the run here rather than silently. */
    void flush() {
        flushAsync();
        for (Future<?> future : List.copyOf(pending)) {
            try {
                future.get(WorkerApi.RETRY_FOR.toSeconds() + 30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("sending metrics failed: " + e.getMessage(), e);
            }
        }
        pending.clear();
    }

    void close() {
        sender.shutdownNow();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
