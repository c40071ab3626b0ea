package dev.keel.monitor.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.monitor.MetricNames;
import dev.keel.monitor.MutableClock;
import dev.keel.monitor.series.Labels;
import dev.keel.monitor.series.Sample;
import dev.keel.monitor.series.SampleWriter;
import dev.keel.monitor.series.SeriesRepository;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftScorerTest {
    private static final ServedModel SERVED = new ServedModel("shop", "ranker", "3");

    @Test
    void scoresShiftedInputsAndPredictionsAndRecordsTheScores(@TempDir Path dir) {
        try (MetadataStore store = TestDatabases.open("sqlite", dir)) {
            MutableClock clock = new MutableClock(1_000_000);
            SeriesRepository series = new SeriesRepository(store);
            SampleWriter writer = new SampleWriter(series, 10_000);
            double[] training = new double[100];
            for (int i = 0; i < 100; i++) {
                training[i] = i / 100.0;
            }
            ReferenceStore references = new ReferenceStore(store, (model, version) -> List.of(
                    Reference.numeric("input.mean", training),
                    Reference.categorical(MetricNames.CLASS_FEATURE, Map.of("0", 50L, "1", 50L))), clock);
            DriftScorer scorer = new DriftScorer(series, references, writer, () -> List.of(SERVED),
                    Duration.ofMinutes(5), 10, clock);
            Labels labels = Labels.of("endpoint", "shop", "model", "ranker", "version", "3");
            for (int i = 0; i < 50; i++) {
                writer.record(new Sample(MetricNames.PREDICTION_INPUT, labels.with("feature", "input.mean"),
                        clock.millis() - 1000, 2 + i / 100.0)); // all beyond the training range
                writer.record(new Sample(MetricNames.PREDICTION_CLASS, labels.with("class", "1"), clock.millis() - 1000, 1));
            }
            writer.flush();

            List<DriftScore> scores = scorer.score(SERVED);

            assertThat(scores).extracting(DriftScore::feature, DriftScore::method)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("input.mean", "psi"),
                            org.assertj.core.groups.Tuple.tuple("input.mean", "ks"),
                            org.assertj.core.groups.Tuple.tuple(MetricNames.CLASS_FEATURE, "psi"));
            assertThat(scores).filteredOn(s -> s.method().equals("ks")).singleElement()
                    .satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
            assertThat(scores).allSatisfy(s -> assertThat(s.value()).isGreaterThan(0.25));
            assertThat(scorer.scoreAll()).isEqualTo(3);
            assertThat(series.series(MetricNames.DRIFT_PSI).get(MetricNames.DRIFT_PSI)).hasSize(2);
        }
    }

    @Test
    void computesAReferenceOncePerModelVersion(@TempDir Path dir) {
        try (MetadataStore store = TestDatabases.open("sqlite", dir)) {
            AtomicInteger computed = new AtomicInteger();
            ReferenceSource source = (model, version) -> {
                computed.incrementAndGet();
                return List.of(Reference.numeric("input.mean", new double[] {3, 1, 2}));
            };
            MutableClock clock = new MutableClock(0);
            new ReferenceStore(store, source, clock).references("ranker", "3");
            List<Reference> again = new ReferenceStore(store, source, clock).references("ranker", "3");

            assertThat(computed).hasValue(1);
            assertThat(again).singleElement().satisfies(r -> assertThat(r.sortedValues()).containsExactly(1, 2, 3));
        }
    }

    @Test
    void leavesFeaturesWithTooFewLiveValuesUnscored(@TempDir Path dir) {
        try (MetadataStore store = TestDatabases.open("sqlite", dir)) {
            MutableClock clock = new MutableClock(1_000_000);
            SeriesRepository series = new SeriesRepository(store);
            SampleWriter writer = new SampleWriter(series, 100);
            ReferenceStore references = new ReferenceStore(store,
                    (m, v) -> List.of(Reference.numeric("input.mean", new double[] {1, 2, 3})), clock);
            writer.record(new Sample(MetricNames.PREDICTION_INPUT, Labels.of("endpoint", "shop", "version", "3",
                    "feature", "input.mean"), clock.millis() - 10, 9));
            writer.flush();

            assertThat(new DriftScorer(series, references, writer, () -> List.of(SERVED), Duration.ofMinutes(5), 10,
                    clock).score(SERVED)).isEmpty();
        }
    }
}
