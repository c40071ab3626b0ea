package dev.keel.server.workflow;

import static java.util.Objects.requireNonNull;

import dev.keel.serve.registry.ModelRegistry;
import dev.keel.serve.registry.ModelVersion;
import dev.keel.serve.registry.NewModelVersion;
import dev.keel.serve.runtime.ModelFormat;
import dev.keel.store.metadata.Project;
import dev.keel.train.tracking.ArtifactInfo;
import dev.keel.train.tracking.MetricPoint;
import dev.keel.train.tracking.Run;
import dev.keel.train.tracking.TrackingService;
import dev.keel.workflow.engine.StepContext;
import dev.keel.workflow.engine.StepExecutor;
import dev.keel.workflow.engine.StepResult;
import dev.keel.workflow.engine.StepType;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code register}: the run's model artifact (default {@code model/model.keel}) becomes a new version of
 * {@code model} with the run's metrics and dataset lineage. A version registered from the same run and artifact
 * already is reused, so a retried step never registers twice.
 */
final class RegisterStep implements StepExecutor {
    static final String DEFAULT_ARTIFACT = "model/model.keel";

    private final ModelRegistry registry;
    private final TrackingService tracking;

    RegisterStep(ModelRegistry registry, TrackingService tracking) {
        this.registry = requireNonNull(registry, "registry is null");
        this.tracking = requireNonNull(tracking, "tracking is null");
    }

    static StepType type(ModelRegistry registry, TrackingService tracking) {
        return StepType.of("register", Set.of("run", "model"), Set.of("artifact", "description"),
                new RegisterStep(registry, tracking));
    }

    @Override
    public StepResult execute(StepContext context) throws Exception {
        String runId = context.text("run");
        String model = context.text("model");
        String artifactPath = context.optionalText("artifact").orElse(DEFAULT_ARTIFACT);
        String source = "runs:/" + runId + "/" + artifactPath;
        Optional<ModelVersion> existing = registry.findModel(Project.DEFAULT_ID, model).isEmpty() ? Optional.empty()
                : registry.listVersions(Project.DEFAULT_ID, model, 1000, 0).stream()
                        .filter(v -> v.source().equals(source)).findFirst();
        ModelVersion version;
        if (existing.isPresent()) {
            version = existing.get();
            context.log("run " + runId + " is registered already as " + model + " version " + version.version());
        } else {
            version = register(context, runId, model, artifactPath, source);
            context.log("registered " + model + " version " + version.version() + " from " + source);
        }
        return StepResult.of(Map.of("model", model, "version", Integer.toString(version.version()), "format",
                version.format().jsonName(), "run_id", runId));
    }

    private ModelVersion register(StepContext context, String runId, String model, String artifactPath,
            String source) throws Exception {
        Run run = tracking.getRun(runId);
        ArtifactInfo artifact = tracking.getArtifact(runId, artifactPath);
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (MetricPoint point : run.latestMetrics()) {
            metrics.put(point.key(), point.value());
        }
        String dataset = run.info().lineage() == null ? null : run.info().lineage().datasetVersionId();
        ModelFormat format = artifactPath.endsWith(".onnx") ? ModelFormat.ONNX
                : artifactPath.endsWith(".pt") ? ModelFormat.TORCHSCRIPT : ModelFormat.KEEL;
        Path file = Files.createTempFile("keel-pipeline-model-", ".upload");
        try {
            try (InputStream in = tracking.openArtifact(artifact)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return registry.registerVersion(Project.DEFAULT_ID, model, new NewModelVersion(format, file, source,
                    Optional.of(runId), Optional.empty(), metrics, Optional.ofNullable(dataset),
                    context.optionalText("description").or(() -> Optional.of("registered by pipeline "
                            + context.pipelineName() + " run " + context.runId())),
                    Map.of("keel.pipeline", context.pipelineName(), "keel.pipelineRun", context.runId()),
                    "pipeline:" + context.pipelineName()));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
