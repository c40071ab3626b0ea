package dev.keel.server.monitor;

import static java.util.Objects.requireNonNull;

import dev.keel.core.dataset.DatasetVersion;
import dev.keel.data.record.Row;
import dev.keel.data.split.SplitReader;
import dev.keel.data.version.DatasetService;
import dev.keel.monitor.MetricNames;
import dev.keel.monitor.drift.Reference;
import dev.keel.monitor.drift.ReferenceSource;
import dev.keel.serve.registry.ModelRegistry;
import dev.keel.serve.registry.ModelVersion;
import dev.keel.store.metadata.Project;
import dev.keel.train.data.EncodedBatch;
import dev.keel.train.data.ExampleEncoder;
import dev.keel.train.spec.DataSpec;
import dev.keel.train.spec.TrainingSpec;
import dev.keel.train.spec.TrainingSpecParser;
import dev.keel.train.tracking.RunLineage;
import dev.keel.train.tracking.TrackingService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference of a model version from its lineage: model version → source run → the run's dataset version
 * and training spec → the spec's train split, encoded exactly as the trainer encoded it (so the features are
 * what the served model takes as input), summarised with {@link RowSummaries}; the label distribution is the
 * reference for predicted classes (class indices, as the model outputs them). At most {@code maxRows} rows
 * are read. A version without a source run, spec or dataset version has no reference (empty list); text
 * models get only the label reference.
 */
final class LineageReferenceSource implements ReferenceSource {
    private static final Logger log = LoggerFactory.getLogger(LineageReferenceSource.class);
    private static final int BATCH = 256;

    private final ModelRegistry models;
    private final TrackingService tracking;
    private final DatasetService datasets;
    private final TrainingSpecParser specs;
    private final int maxRows;

    LineageReferenceSource(ModelRegistry models, TrackingService tracking, DatasetService datasets,
            TrainingSpecParser specs, int maxRows) {
        this.models = requireNonNull(models, "models is null");
        this.tracking = requireNonNull(tracking, "tracking is null");
        this.datasets = requireNonNull(datasets, "datasets is null");
        this.specs = requireNonNull(specs, "specs is null");
        this.maxRows = maxRows;
    }

    @Override
    public List<Reference> compute(String model, String version) {
        ModelVersion modelVersion = models.getVersion(Project.DEFAULT_ID, model, Integer.parseInt(version));
        if (modelVersion.sourceRunId().isEmpty()) {
            log.info("model {} version {} has no source run: no drift reference", model, version);
            return List.of();
        }
        RunLineage lineage = tracking.getRun(modelVersion.sourceRunId().get()).info().lineage();
        if (lineage.specJson() == null || lineage.datasetVersionId() == null) {
            log.info("run {} of model {} version {} has no spec or dataset version: no drift reference",
                    modelVersion.sourceRunId().get(), model, version);
            return List.of();
        }
        TrainingSpec spec = specs.parse(lineage.specJson());
        DataSpec data = spec.data();
        Optional<DatasetVersion> datasetVersion = pinned(data.dataset().name(), lineage.datasetVersionId());
        if (datasetVersion.isEmpty()) {
            return List.of();
        }
        return summarise(spec, data, Integer.toString(datasetVersion.get().number()));
    }

    private Optional<DatasetVersion> pinned(String dataset, String versionId) {
        for (int offset = 0; ; offset += 100) {
            List<DatasetVersion> page = datasets.listVersions(null, dataset, 100, offset);
            for (DatasetVersion candidate : page) {
                if (candidate.id().equals(versionId)) {
                    return Optional.of(candidate);
                }
            }
            if (page.size() < 100) {
                log.info("dataset version {} of {} is gone: no drift reference", versionId, dataset);
                return Optional.empty();
            }
        }
    }

    private List<Reference> summarise(TrainingSpec spec, DataSpec data, String ref) {
        Map<String, List<Double>> numeric = new TreeMap<>();
        Map<String, Long> labels = new HashMap<>();
        boolean text = spec.preprocessing().text() != null;
        ExampleEncoder encoder = null;
        int read = 0;
        try (SplitReader reader = datasets.openSplit(null, data.dataset().name(), ref, data.trainSplit(), BATCH)) {
            while (reader.hasNext() && read < maxRows) {
                List<Row> rows = reader.next().rows();
                rows = rows.subList(0, Math.min(rows.size(), maxRows - read));
                if (rows.isEmpty()) {
                    continue;
                }
                if (encoder == null) {
                    long[] shape = text ? new long[] {1}
                            : ExampleEncoder.exampleShape(rows.getFirst(), data.inputs(), null);
                    encoder = new ExampleEncoder(data.inputs(), data.label(), spec.preprocessing().normalization(),
                            spec.preprocessing().labels(), null, shape);
                }
                if (text) {
                    // The vocabulary lives in the model bundle; token ids are not summarised, labels are.
                    List<String> classes = spec.preprocessing().labels().classes();
                    for (Row row : rows) {
                        String label = String.valueOf(row.get(data.label()));
                        int index = classes.indexOf(label);
                        labels.merge(index >= 0 ? Integer.toString(index) : label, 1L, Long::sum);
                    }
                } else {
                    EncodedBatch batch = encoder.encode(rows);
                    int width = batch.features().length / rows.size();
                    double[] features = new double[batch.features().length];
                    for (int i = 0; i < features.length; i++) {
                        features[i] = batch.features()[i];
                    }
                    for (int r = 0; r < rows.size(); r++) {
                        RowSummaries.of(features, r * width, width).forEach((feature, value) ->
                                numeric.computeIfAbsent(feature, f -> new ArrayList<>()).add(value));
                        labels.merge(Integer.toString(batch.labels()[r]), 1L, Long::sum);
                    }
                }
                read += rows.size();
            }
        }
        List<Reference> references = new ArrayList<>();
        numeric.forEach((feature, values) -> references.add(
                Reference.numeric(feature, values.stream().mapToDouble(Double::doubleValue).toArray())));
        if (!labels.isEmpty()) {
            references.add(Reference.categorical(MetricNames.CLASS_FEATURE, labels));
        }
        log.info("drift reference of {} from {} rows of {}@{} split {}: {} features", spec.name(), read,
                data.dataset().name(), ref, data.trainSplit(), references.size());
        return references;
    }
}
