package dev.keel.train.tracking;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.error.Problems;
import dev.keel.store.blob.BlobStore;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.metadata.Project;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Experiment tracking over the metadata and blob stores: experiments, runs, params, tags, metrics,
 * artifacts, search. Validates every input (all problems at once) and enforces MLflow's rules: params never
 * change, logging needs an active run, names are unique per project, deletes are soft. The Keel and MLflow
 * REST APIs and the trainer all go through this class.
 */
public final class TrackingService {
    /** The experiment MLflow clients log to when they name none (created by the V4 migration). */
    public static final String DEFAULT_EXPERIMENT_ID = "0";
    /** The tag MLflow keeps the run name in; setting it renames the run. */
    public static final String RUN_NAME_TAG = "mlflow.runName";

    private final Clock clock;
    private final RandomGenerator random;
    private final MetadataStore store;
    private final ExperimentRepository experiments;
    private final RunRepository runs;
    private final RunSearch search;
    private final MetricHistory history;
    private final RunArtifacts artifacts;

    public TrackingService(MetadataStore store, BlobStore blobs, Clock clock, RandomGenerator random) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.random = requireNonNull(random, "random is null");
        this.experiments = new ExperimentRepository(store);
        this.runs = new RunRepository(store);
        this.search = new RunSearch(store, runs);
        this.history = new MetricHistory(store);
        this.artifacts = new RunArtifacts(store, blobs);
    }

    // ---- experiments

    /** Creates an experiment in {@code projectId}; ALREADY_EXISTS if the name is taken (even by a deleted one). */
    public Experiment createExperiment(String projectId, String name, Map<String, String> tags) {
        Problems problems = new Problems();
        TrackingLimits.name(problems, "experiment.name", name);
        validateTags(problems, "experiment.tags", tags);
        problems.throwIfAny("experiment");
        Instant now = now();
        String id = Long.toString(1 + random.nextLong(999_999_999_999_999_999L));
        Experiment experiment = new Experiment(id, projectId, name, "keel-artifacts:/experiments/" + id,
                LifecycleStage.ACTIVE, now, now, tags);
        try {
            experiments.insert(experiment);
        } catch (KeelException e) {
            if (e.code() == ErrorCode.ALREADY_EXISTS) {
                throw new KeelException(ErrorCode.ALREADY_EXISTS, "experiment " + name + " already exists", e);
            }
            throw e;
        }
        return experiment;
    }

    public Experiment createExperiment(String name, Map<String, String> tags) {
        return createExperiment(Project.DEFAULT_ID, name, tags);
    }

    public Experiment getExperiment(String id) {
        requireNonNull(id, "id is null");
        return experiments.findById(id).orElseThrow(() -> KeelException.notFound("experiment " + id));
    }

    public Experiment getExperimentByName(String projectId, String name) {
        requireNonNull(name, "name is null");
        return experiments.findByName(projectId, name).orElseThrow(() -> KeelException.notFound("experiment " + name));
    }

    /** By id, else by name in the default project: what the CLI's {@code --experiment} accepts. */
    public Experiment resolveExperiment(String idOrName) {
        requireNonNull(idOrName, "idOrName is null");
        return experiments.findById(idOrName)
                .or(() -> experiments.findByName(Project.DEFAULT_ID, idOrName))
                .orElseThrow(() -> KeelException.notFound("experiment " + idOrName));
    }

    public List<Experiment> listExperiments(String projectId, ViewType view, int offset, int limit) {
        return experiments.list(projectId, view, offset, limit);
    }

    public void renameExperiment(String id, String newName) {
        Problems problems = new Problems();
        TrackingLimits.name(problems, "new_name", newName);
        problems.throwIfAny("experiment");
        getExperiment(id);
        experiments.rename(id, newName, now());
    }

    public void deleteExperiment(String id) {
        if (DEFAULT_EXPERIMENT_ID.equals(id)) {
            throw KeelException.invalid("experiment_id: 0 (expected: not the default experiment, which cannot be deleted)");
        }
        experiments.setLifecycle(id, LifecycleStage.DELETED, now());
    }

    public void restoreExperiment(String id) {
        experiments.setLifecycle(id, LifecycleStage.ACTIVE, now());
    }

    public void setExperimentTag(String id, String key, String value) {
        Problems problems = new Problems();
        validateTags(problems, "tag", Map.of(key == null ? "" : key, value == null ? "" : value));
        problems.throwIfAny("tag");
        getExperiment(id);
        experiments.setTag(id, key, value);
    }

    // ---- runs

    public Run createRun(NewRun request) {
        Problems problems = new Problems();
        validateParams(problems, request.params());
        validateTags(problems, "tags", request.tags());
        if (request.name() != null) {
            TrackingLimits.name(problems, "run_name", request.name());
        }
        problems.throwIfAny("run");
        Experiment experiment = getExperiment(request.experimentId());
        if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw KeelException.invalid("experiment_id: " + experiment.id() + " is deleted (expected: an active experiment)");
        }
        String id = HexFormat.of().formatHex(randomBytes(16));
        String name = request.name() != null ? request.name()
                : request.tags().getOrDefault(RUN_NAME_TAG, "run-" + id.substring(0, 8));
        Instant start = request.startTime() != null ? request.startTime().truncatedTo(ChronoUnit.MILLIS) : now();
        Map<String, String> tags = new LinkedHashMap<>(request.tags());
        tags.put(RUN_NAME_TAG, name);
        RunInfo info = new RunInfo(id, experiment.id(), name, request.status(), null, request.userId(), start,
                request.status().isTerminal() ? start : null, LifecycleStage.ACTIVE, "keel-artifacts:/runs/" + id,
                request.lineage(), request.provenanceJson());
        runs.insert(info, request.params(), tags, now());
        return getRun(id);
    }

    public Run getRun(String id) {
        requireNonNull(id, "id is null");
        List<Run> found = runs.load(List.of(id));
        if (found.isEmpty()) {
            throw KeelException.notFound("run " + id);
        }
        return found.getFirst();
    }

    public RunInfo getRunInfo(String id) {
        requireNonNull(id, "id is null");
        return runs.findInfo(id).orElseThrow(() -> KeelException.notFound("run " + id));
    }

    /** Applies a partial update; a terminal status without an end time ends the run now. */
    public RunInfo updateRun(String id, RunUpdate update) {
        Problems problems = new Problems();
        if (update.name() != null) {
            TrackingLimits.name(problems, "run_name", update.name());
        }
        if (update.statusReason() != null) {
            TrackingLimits.value(problems, "status_reason", update.statusReason(), TrackingLimits.MAX_TAG_VALUE);
        }
        problems.throwIfAny("run update");
        RunInfo current = getRunInfo(id);
        Instant end = update.endTime();
        if (end == null && update.status() != null && update.status().isTerminal() && current.endTime() == null) {
            end = now();
        }
        runs.update(id, update.name(), update.status(), update.statusReason(), end);
        if (update.name() != null) {
            runs.logParamsAndTags(id, Map.of(), Map.of(RUN_NAME_TAG, update.name()));
        }
        return getRunInfo(id);
    }

    public void deleteRun(String id) {
        runs.setLifecycle(id, LifecycleStage.DELETED);
    }

    public void restoreRun(String id) {
        runs.setLifecycle(id, LifecycleStage.ACTIVE);
    }

    public void logMetric(String runId, MetricPoint point) {
        logBatch(runId, List.of(point), Map.of(), Map.of());
    }

    public void logParam(String runId, String key, String value) {
        logBatch(runId, List.of(), Map.of(key == null ? "" : key, value == null ? "" : value), Map.of());
    }

    public void setTag(String runId, String key, String value) {
        logBatch(runId, List.of(), Map.of(), Map.of(key == null ? "" : key, value == null ? "" : value));
    }

    public void deleteTag(String runId, String key) {
        requireActive(runId);
        runs.deleteTag(runId, key);
    }

    /**
     * Logs metrics, params and tags of one run: params and tags in one transaction, metrics in one batched
     * write. A param logged again with the same value is accepted (clients retry); with another value the
     * whole call fails before anything is written. Setting {@code mlflow.runName} renames the run.
     */
    public void logBatch(String runId, List<MetricPoint> metrics, Map<String, String> params, Map<String, String> tags) {
        Problems problems = new Problems();
        problems.require(metrics.size() <= TrackingLimits.MAX_BATCH_METRICS, "metrics", metrics.size() + " entries",
                "at most " + TrackingLimits.MAX_BATCH_METRICS);
        problems.require(params.size() <= TrackingLimits.MAX_BATCH_PARAMS, "params", params.size() + " entries",
                "at most " + TrackingLimits.MAX_BATCH_PARAMS);
        problems.require(tags.size() <= TrackingLimits.MAX_BATCH_TAGS, "tags", tags.size() + " entries",
                "at most " + TrackingLimits.MAX_BATCH_TAGS);
        for (int i = 0; i < metrics.size(); i++) {
            TrackingLimits.key(problems, "metrics[" + i + "].key", metrics.get(i).key());
        }
        validateParams(problems, params);
        validateTags(problems, "tags", tags);
        problems.throwIfAny("batch");
        requireActive(runId);
        if (!params.isEmpty() || !tags.isEmpty()) {
            runs.logParamsAndTags(runId, params, tags);
            String name = tags.get(RUN_NAME_TAG);
            if (name != null && !name.isBlank()) {
                runs.update(runId, name, null, null, null);
            }
        }
        if (!metrics.isEmpty()) {
            new MetricWriter(store, Math.max(1, metrics.size()))
                    .write(metrics.stream().map(point -> new RunMetric(runId, point)).toList());
        }
    }

    /** The points of one metric in step order; {@code limit} points from {@code offset}. */
    public List<MetricPoint> metricHistory(String runId, String key, int offset, int limit) {
        getRunInfo(runId);
        return history.read(runId, key, offset, limit);
    }

    public RunPage searchRuns(RunQuery query) {
        return search.search(query);
    }

    /** The runs side by side, in the order given; NOT_FOUND names the first unknown id. */
    public RunComparison compare(List<String> runIds) {
        List<Run> found = runs.load(runIds);
        for (String id : runIds) {
            if (found.stream().noneMatch(run -> run.id().equals(id))) {
                throw KeelException.notFound("run " + id);
            }
        }
        return RunComparison.of(found);
    }

    /** A batching writer for the trainer: add points, it writes every {@code batchSize} of them. */
    public MetricWriter metricWriter(int batchSize) {
        return new MetricWriter(store, batchSize);
    }

    // ---- artifacts

    public ArtifactInfo putArtifact(String runId, String path, InputStream content, long size) {
        requireActive(runId);
        return artifacts.put(runId, path, content, size, now());
    }

    /** Records a blob already in the blob store as the artifact {@code path} of the run; NOT_FOUND if it is not. */
    public ArtifactInfo linkArtifact(String runId, String path, String sha256) {
        requireActive(runId);
        return artifacts.link(runId, path, sha256, now());
    }

    public List<ArtifactInfo> listArtifacts(String runId) {
        getRunInfo(runId);
        return artifacts.list(runId);
    }

    public ArtifactInfo getArtifact(String runId, String path) {
        getRunInfo(runId);
        return artifacts.get(runId, path);
    }

    /** The artifact's bytes, verified against its hash as they are read; close the stream. */
    public InputStream openArtifact(ArtifactInfo artifact) {
        return artifacts.open(artifact);
    }

    // ----

    private void requireActive(String runId) {
        RunInfo run = getRunInfo(runId);
        if (run.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw KeelException.invalid("run_id: " + runId + " is deleted (expected: a run in the 'active' state)");
        }
    }

    private static void validateParams(Problems problems, Map<String, String> params) {
        params.forEach((key, value) -> {
            TrackingLimits.key(problems, "params key", key);
            TrackingLimits.value(problems, "params." + key, value, TrackingLimits.MAX_PARAM_VALUE);
        });
    }

    private static void validateTags(Problems problems, String field, Map<String, String> tags) {
        tags.forEach((key, value) -> {
            TrackingLimits.key(problems, field + " key", key);
            TrackingLimits.value(problems, field + "." + key, value, TrackingLimits.MAX_TAG_VALUE);
        });
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
