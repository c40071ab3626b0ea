package dev.keel.train.tracking;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.train.loop.Provenance;
import dev.keel.train.spec.SpecJson;
import dev.keel.train.spec.TrainingSpec;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates the tracked run of a training job, with its lineage: the spec (canonical JSON and hash, and every
 * scalar of it as a param, so {@code params.training.optimizer.lr = '0.01'} finds it), the seed, the dataset
 * version it trains on, and the provenance of the process ({@link Provenance#collect}). The jobs machinery calls this when a job is
 * submitted (status SCHEDULED) or starts (RUNNING).
 */
public final class TrainingRuns {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final TrackingService tracking;

    public TrainingRuns(TrackingService tracking) {
        this.tracking = requireNonNull(tracking, "tracking is null");
    }

    /** The dataset version a run trains on, as the dataset manager resolved the spec's reference. */
    public record DatasetVersionRef(String versionId, String contentHash) {
        public DatasetVersionRef {
            requireNonNull(versionId, "versionId is null");
            requireNonNull(contentHash, "contentHash is null");
        }
    }

    /**
     * Creates a run in the experiment called {@code experimentName} (created if missing).
     *
     * @param runName null for a generated name
     */
    public Run start(TrainingSpec spec, DatasetVersionRef dataset, String experimentName, String runName, String userId,
            RunStatus status, Provenance provenance) {
        requireNonNull(spec, "spec is null");
        requireNonNull(dataset, "dataset is null");
        Experiment experiment = experiment(experimentName);
        String specJson = SpecJson.canonical(spec);
        long seed = spec.training().seed();
        RunLineage lineage = new RunLineage(dataset.versionId(), dataset.contentHash(), spec.specHash(), specJson, seed);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("keel.dataset", spec.data().dataset().toString());
        tags.put("keel.datasetVersionHash", dataset.contentHash());
        tags.put("keel.specHash", spec.specHash());
        tags.put("keel.seed", Long.toString(seed));
        try {
            return tracking.createRun(new NewRun(experiment.id(), runName, userId, null, status, params(specJson), tags,
                    lineage, JSON.writeValueAsString(provenance.asMap())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every scalar of the spec as a param keyed by its dotted path ({@code model.layers.0.units}). */
    static Map<String, String> params(String specJson) {
        Map<String, String> params = new LinkedHashMap<>();
        try {
            flatten("", JSON.readTree(specJson), params);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return params;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "." + i, node.get(i), out);
            }
        } else if (!node.isNull() && !prefix.isEmpty()) {
            String value = node.asText();
            if (value.length() <= TrackingLimits.MAX_PARAM_VALUE) {
                out.put(prefix, value);
            }
        }
    }

    private Experiment experiment(String name) {
        try {
            return tracking.getExperimentByName(dev.keel.store.metadata.Project.DEFAULT_ID, name);
        } catch (KeelException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
        }
        try {
            return tracking.createExperiment(name, Map.of());
        } catch (KeelException e) {
            // Another job created it between our look-up and insert.
            if (e.code() == ErrorCode.ALREADY_EXISTS) {
                return tracking.getExperimentByName(dev.keel.store.metadata.Project.DEFAULT_ID, name);
            }
            throw e;
        }
    }
}
