package dev.keel.train.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.train.loop.EpochMetrics;
import dev.keel.train.loop.RunStart;
import dev.keel.train.loop.StepProgress;
import dev.keel.train.loop.TrainingResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackingListenerTest {
    @TempDir
    Path dir;

    @Test
    void stepsEpochsAndTestMetricsAreAllStoredWhenTheRunFinishes() {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (TrackingFixture f = new TrackingFixture("sqlite", dir)) {
            Run run = f.run(f.tracking.createExperiment("e", Map.of()), "r");
            Clock clock = Clock.fixed(TrackingFixture.NOW, ZoneOffset.UTC);
            try (AsyncMetricWriter writer = new AsyncMetricWriter(f.tracking.metricWriter(50), executor, 50, 500,
                    Duration.ofSeconds(5))) {
                TrackingListener listener = new TrackingListener(run.id(), writer, clock);
                listener.onStart(new RunStart("hash", 10, 20, 1234, 0, List.of(1L, 28L, 28L)));
                for (int step = 1; step <= 20; step++) {
                    listener.onStep(new StepProgress(step, step <= 10 ? 1 : 2, 1.0 / step, 0.01, 32, 500));
                    if (step % 10 == 0) {
                        listener.onEpoch(new EpochMetrics(step / 10, step, Map.of("val_accuracy", 0.4 * step / 10), null));
                    }
                }
                listener.onFinish(new TrainingResult("hash", 2, 20, false, List.of(), Map.of("accuracy", 0.85), null,
                        "w", null));
            }

            Run stored = f.tracking.getRun(run.id());
            assertThat(f.tracking.metricHistory(run.id(), "loss", 0, 100)).hasSize(20);
            assertThat(f.tracking.metricHistory(run.id(), "val_accuracy", 0, 100)).extracting(MetricPoint::step)
                    .containsExactly(10L, 20L);
            assertThat(stored.latestMetrics()).extracting(MetricPoint::key)
                    .contains("loss", "learning_rate", "samples_per_second", "epoch", "parameter_count", "test_accuracy");
            assertThat(stored.latestMetrics()).filteredOn(p -> p.key().equals("loss")).singleElement()
                    .satisfies(p -> assertThat(p.value()).isEqualTo(1.0 / 20));
        } finally {
            executor.shutdownNow();
        }
    }
}
