package dev.keel.monitor.drift;

import static java.util.Objects.requireNonNull;

import dev.keel.monitor.MetricNames;
import dev.keel.monitor.series.Cell;
import dev.keel.monitor.series.Labels;
import dev.keel.monitor.series.Sample;
import dev.keel.monitor.series.SampleWriter;
import dev.keel.monitor.series.SeriesRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores drift of each served model: the live window is the sampled prediction series of the last
 * {@code window} for that endpoint and version; numeric features get PSI over the reference's decile bins
 * and the KS statistic, the predicted class gets PSI against the training label distribution. Features
 * with fewer than {@code minLive} live values are not scored (a handful of rows says nothing).
 * {@link #scoreAll} records every score as a {@code keel_drift_psi} / {@code keel_drift_ks} sample so
 * alert rules can watch drift like any other series.
 */
public final class DriftScorer {
    private static final Logger log = LoggerFactory.getLogger(DriftScorer.class);

    private final SeriesRepository series;
    private final ReferenceStore references;
    private final SampleWriter writer;
    private final Supplier<List<ServedModel>> served;
    private final Duration window;
    private final int minLive;
    private final Clock clock;

    public DriftScorer(SeriesRepository series, ReferenceStore references, SampleWriter writer,
            Supplier<List<ServedModel>> served, Duration window, int minLive, Clock clock) {
        this.series = requireNonNull(series, "series is null");
        this.references = requireNonNull(references, "references is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.served = requireNonNull(served, "served is null");
        this.window = requireNonNull(window, "window is null");
        this.minLive = minLive;
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Duration window() {
        return window;
    }

    public List<ServedModel> served() {
        return served.get();
    }

    /** Scores one endpoint now, without recording. */
    public List<DriftScore> score(ServedModel model) {
        long now = clock.millis();
        long from = now - window.toMillis();
        Map<String, String> match = Map.of("endpoint", model.endpoint(), "version", model.version());
        Map<String, List<Double>> numeric = new HashMap<>();
        for (Cell cell : series.raw(MetricNames.PREDICTION_INPUT, match, from, now + 1)) {
            numeric.computeIfAbsent(cell.labels().values().getOrDefault("feature", ""), f -> new ArrayList<>())
                    .add(cell.sum());
        }
        Map<String, Long> classes = new TreeMap<>();
        for (Cell cell : series.raw(MetricNames.PREDICTION_CLASS, match, from, now + 1)) {
            classes.merge(cell.labels().values().getOrDefault("class", ""), (long) cell.sum(), Long::sum);
        }
        List<DriftScore> scores = new ArrayList<>();
        for (Reference reference : references.references(model.model(), model.version())) {
            if (reference.kind() == Reference.Kind.CATEGORICAL) {
                long live = classes.values().stream().mapToLong(Long::longValue).sum();
                if (live >= minLive && reference.size() > 0) {
                    scores.add(new DriftScore(reference.feature(), "psi",
                            PopulationStability.index(reference.counts(), classes), reference.size(), (int) live));
                }
                continue;
            }
            List<Double> values = numeric.getOrDefault(reference.feature(), List.of());
            if (values.size() < minLive || reference.size() == 0) {
                continue;
            }
            double[] live = values.stream().mapToDouble(Double::doubleValue).toArray();
            double[] sorted = reference.sortedValues();
            double[] edges = PopulationStability.decileEdges(sorted);
            double psi = PopulationStability.index(PopulationStability.binCounts(edges, sorted),
                    PopulationStability.binCounts(edges, live));
            scores.add(new DriftScore(reference.feature(), "psi", psi, sorted.length, live.length));
            scores.add(new DriftScore(reference.feature(), "ks", KolmogorovSmirnov.statistic(sorted, live),
                    sorted.length, live.length));
        }
        return scores;
    }

    /** Scores every served model and records the scores as samples; one failing endpoint does not stop the rest. */
    public int scoreAll() {
        int recorded = 0;
        for (ServedModel model : served.get()) {
            try {
                long now = clock.millis();
                for (DriftScore score : score(model)) {
                    Labels labels = Labels.of("endpoint", model.endpoint(), "model", model.model(),
                            "version", model.version(), "feature", score.feature());
                    String name = score.method().equals("ks") ? MetricNames.DRIFT_KS : MetricNames.DRIFT_PSI;
                    if (writer.record(new Sample(name, labels, now, score.value()))) {
                        recorded++;
                    }
                }
            } catch (RuntimeException e) {
                log.warn("drift scoring of endpoint {} failed: {}", model.endpoint(), e.toString());
            }
        }
        writer.flush();
        return recorded;
    }
}
