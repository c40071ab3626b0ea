package dev.keel.train.tracking;

import static java.util.Objects.requireNonNull;

import dev.keel.train.loop.EpochMetrics;
import dev.keel.train.loop.RunStart;
import dev.keel.train.loop.StepProgress;
import dev.keel.train.loop.TrainingListener;
import dev.keel.train.loop.TrainingResult;
import java.time.Clock;
import java.util.Map;

/**
 * Streams a training run's progress into tracking: per step {@code loss}, {@code learning_rate} and
 * {@code samples_per_second}; per epoch every epoch metric (at the epoch's last step) and {@code epoch};
 * at the end the test metrics as {@code test_*}. Steps only enqueue into an {@link AsyncMetricWriter}, so
 * the training thread never waits for the database; {@link #onFinish} flushes, so a finished run's
 * metrics are all stored. Run status is left to the caller (the job runner knows why a run ended).
 */
public final class TrackingListener implements TrainingListener {
    private final String runId;
    private final AsyncMetricWriter writer;
    private final Clock clock;

    public TrackingListener(String runId, AsyncMetricWriter writer, Clock clock) {
        this.runId = requireNonNull(runId, "runId is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void onStart(RunStart start) {
        long now = clock.millis();
        writer.log(runId, new MetricPoint("parameter_count", start.parameterCount(), start.resumedFromStep(), now));
    }

    @Override
    public void onStep(StepProgress step) {
        long now = clock.millis();
        writer.log(runId, new MetricPoint("loss", step.loss(), step.step(), now));
        writer.log(runId, new MetricPoint("learning_rate", step.learningRate(), step.step(), now));
        writer.log(runId, new MetricPoint("samples_per_second", step.samplesPerSecond(), step.step(), now));
    }

    @Override
    public void onEpoch(EpochMetrics epoch) {
        long now = clock.millis();
        writer.log(runId, new MetricPoint("epoch", epoch.epoch(), epoch.step(), now));
        epoch.metrics().forEach((key, value) -> writer.log(runId, new MetricPoint(key, value, epoch.step(), now)));
    }

    @Override
    public void onFinish(TrainingResult result) {
        long now = clock.millis();
        for (Map.Entry<String, Double> metric : result.testMetrics().entrySet()) {
            String key = metric.getKey().startsWith("test_") ? metric.getKey() : "test_" + metric.getKey();
            writer.log(runId, new MetricPoint(key, metric.getValue(), result.steps(), now));
        }
        writer.flush();
    }
}
