package dev.keel.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.monitor.MetricNames;
import dev.keel.monitor.series.Cell;
import dev.keel.monitor.series.SampleWriter;
import dev.keel.monitor.series.SeriesRepository;
import dev.keel.serve.runtime.Tensor;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionSamplerTest {
    /** A summarising thread that never summarises: the queue only fills. */
    private static final java.util.concurrent.ThreadFactory IDLE_WORKER = task -> new Thread(() -> {});
    private static final Map<String, Tensor> INPUTS = Map.of("x", Tensor.ofFloats(new long[] {2, 2}, 1, 3, 10, 10));
    private static final Map<String, Tensor> OUTPUTS = Map.of("y", Tensor.ofFloats(new long[] {2, 3}, 0.1f, 0.7f, 0.2f,
            0.9f, 0.05f, 0.05f));

    @Test
    void summarisesEachSampledRowAndItsPredictedClass(@TempDir Path dir) {
        try (MetadataStore store = TestDatabases.open("sqlite", dir)) {
            SeriesRepository series = new SeriesRepository(store);
            SampleWriter writer = new SampleWriter(series, 1000);
            try (PredictionSampler sampler = new PredictionSampler(writer, 1.0, 4, 32, new Random(1), Clock.systemUTC(),
                    IDLE_WORKER)) {
                sampler.predicted("shop", "ranker", "3", INPUTS, OUTPUTS);
                sampler.drainNow();
            }
            writer.flush();

            List<Cell> inputs = series.raw(MetricNames.PREDICTION_INPUT, 0, Long.MAX_VALUE);
            assertThat(inputs).filteredOn(c -> c.labels().values().get("feature").equals("input.mean"))
                    .extracting(Cell::sum).containsExactlyInAnyOrder(2.0, 10.0);
            assertThat(inputs).filteredOn(c -> c.labels().values().get("feature").equals("input.std"))
                    .extracting(Cell::sum).containsExactlyInAnyOrder(1.0, 0.0);
            assertThat(inputs).filteredOn(c -> c.labels().values().get("feature").equals("input[1]"))
                    .extracting(Cell::sum).containsExactlyInAnyOrder(3.0, 10.0);
            assertThat(series.raw(MetricNames.PREDICTION_CLASS, 0, Long.MAX_VALUE))
                    .extracting(c -> c.labels().values().get("class")).containsExactlyInAnyOrder("1", "0");
        }
    }

    @Test
    void dropsBatchesWhenItsQueueIsFullInsteadOfWaiting(@TempDir Path dir) {
        try (MetadataStore store = TestDatabases.open("sqlite", dir);
                PredictionSampler sampler = new PredictionSampler(new SampleWriter(new SeriesRepository(store), 10),
                        1.0, 1, 32, new Random(1), Clock.systemUTC(), IDLE_WORKER)) {
            for (int i = 0; i < 10; i++) {
                sampler.predicted("shop", "ranker", "3", INPUTS, OUTPUTS);
            }
            assertThat(sampler.dropped()).isEqualTo(9);
        }
    }

    @Test
    void aZeroRateSamplesNothing(@TempDir Path dir) {
        try (MetadataStore store = TestDatabases.open("sqlite", dir)) {
            SeriesRepository series = new SeriesRepository(store);
            SampleWriter writer = new SampleWriter(series, 1000);
            try (PredictionSampler sampler = new PredictionSampler(writer, 0, 4, 32, new Random(1), Clock.systemUTC(),
                    IDLE_WORKER)) {
                sampler.predicted("shop", "ranker", "3", INPUTS, OUTPUTS);
                sampler.drainNow();
            }
            assertThat(writer.flush()).isZero();
        }
    }
}
