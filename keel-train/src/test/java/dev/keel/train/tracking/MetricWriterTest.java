package dev.keel.train.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MetricWriterTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void writerFlushesEveryBatchAndKeepsTheHighestStepAsLatest(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Run run = f.run(f.tracking.createExperiment("e", Map.of()), "r");
            MetricWriter writer = f.tracking.metricWriter(4);

            for (int step = 9; step >= 0; step--) {
                writer.add(run.id(), new MetricPoint("loss", step / 10.0, step, 100 + step));
            }
            int waiting = writer.buffered();
            writer.flush();

            assertThat(waiting).isEqualTo(2);
            assertThat(f.tracking.metricHistory(run.id(), "loss", 0, 100)).extracting(MetricPoint::step)
                    .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(f.tracking.getRun(run.id()).latestMetrics()).containsExactly(new MetricPoint("loss", 0.9, 9, 109));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void asyncWriterHasWrittenEverythingAfterFlush(String kind) {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Run run = f.run(f.tracking.createExperiment("e", Map.of()), "r");
            try (AsyncMetricWriter writer = new AsyncMetricWriter(f.tracking.metricWriter(100), executor, 100, 1000,
                    Duration.ofMillis(200))) {
                for (int step = 0; step < 2500; step++) {
                    writer.log(run.id(), new MetricPoint("loss", 1.0 / (step + 1), step, step));
                }
                writer.flush();

                assertThat(f.tracking.metricHistory(run.id(), "loss", 0, 10_000)).hasSize(2500);
                assertThat(f.tracking.getRun(run.id()).latestMetrics()).extracting(MetricPoint::step).containsExactly(2499L);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void asyncWriterReportsAFailedWriteInsteadOfLosingIt(String kind) {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            AsyncMetricWriter writer = new AsyncMetricWriter(f.tracking.metricWriter(10), executor, 10, 100,
                    Duration.ofMillis(50));
            f.store.close();
            writer.log("no-such-run", new MetricPoint("loss", 1, 0, 0));

            assertThatThrownBy(writer::flush).hasMessageContaining("metric writer failed");
        } finally {
            executor.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void extremeValuesAndOddKeysRoundTrip(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Run run = f.run(f.tracking.createExperiment("e", Map.of()), "r");
            List<RunMetric> batch = List.of(
                    new RunMetric(run.id(), new MetricPoint("quote\"back\\slash", Double.POSITIVE_INFINITY, 0, 1)),
                    new RunMetric(run.id(), new MetricPoint("quote\"back\\slash", Double.NEGATIVE_INFINITY, 1, 2)),
                    new RunMetric(run.id(), new MetricPoint("quote\"back\\slash", Double.NaN, 2, 3)),
                    new RunMetric(run.id(), new MetricPoint("quote\"back\\slash", -1.5e-300, Long.MAX_VALUE, Long.MIN_VALUE)),
                    new RunMetric(run.id(), new MetricPoint("tab\tkey", 123456789.125, 0, 0)));

            f.tracking.metricWriter(10).write(batch);

            assertThat(f.tracking.metricHistory(run.id(), "quote\"back\\slash", 0, 10)).containsExactly(
                    new MetricPoint("quote\"back\\slash", Double.POSITIVE_INFINITY, 0, 1),
                    new MetricPoint("quote\"back\\slash", Double.NEGATIVE_INFINITY, 1, 2),
                    new MetricPoint("quote\"back\\slash", Double.NaN, 2, 3),
                    new MetricPoint("quote\"back\\slash", -1.5e-300, Long.MAX_VALUE, Long.MIN_VALUE));
            assertThat(f.tracking.metricHistory(run.id(), "tab\tkey", 0, 10))
                    .containsExactly(new MetricPoint("tab\tkey", 123456789.125, 0, 0));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void aBatchIsWrittenWhollyOrNotAtAll(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Run run = f.run(f.tracking.createExperiment("e", Map.of()), "r");
            MetricWriter writer = f.tracking.metricWriter(10);
            List<RunMetric> batch = List.of(new RunMetric(run.id(), new MetricPoint("a", 1, 0, 0)),
                    new RunMetric(run.id(), new MetricPoint("b", 1, 0, 0)));
            f.store.jdbi().useHandle(h -> h.execute("DROP TABLE latest_metrics"));

            assertThatThrownBy(() -> writer.write(batch)).isNotNull();
            int stored = f.store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM metrics").mapTo(Integer.class).one());
            assertThat(stored).isZero();
        }
    }
}
