package dev.keel.server.workflow;

import static java.util.Objects.requireNonNull;

import dev.keel.serve.batching.BatchPolicy;
import dev.keel.serve.deploy.DeploymentSpec;
import dev.keel.serve.deploy.Deployments;
import dev.keel.serve.export.RegistryExport;
import dev.keel.serve.registry.ModelRegistry;
import dev.keel.serve.registry.ModelVersion;
import dev.keel.serve.runtime.ModelFormat;
import dev.keel.store.metadata.Project;
import dev.keel.workflow.engine.StepContext;
import dev.keel.workflow.engine.StepExecutor;
import dev.keel.workflow.engine.StepResult;
import dev.keel.workflow.engine.StepType;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code deploy}: serves {@code model} at {@code reference} (an alias, default {@code production}, or a version)
 * under {@code endpoint}, swapping an existing endpoint without downtime. A Keel bundle is first exported to ONNX
 * through the parity gate (an earlier export of the same version is reused). {@code onlyIf: "false"} skips the
 * deployment (e.g. {@code onlyIf: "${steps.promote.outputs.promoted}"}), with {@code deployed: false}.
 */
final class DeployStep implements StepExecutor {
    private final ModelRegistry registry;
    private final Supplier<Deployments> deployments;
    private final Supplier<RegistryExport> export;

    DeployStep(ModelRegistry registry, Supplier<Deployments> deployments, Supplier<RegistryExport> export) {
        this.registry = requireNonNull(registry, "registry is null");
        this.deployments = requireNonNull(deployments, "deployments is null");
        this.export = requireNonNull(export, "export is null");
    }

    static StepType type(ModelRegistry registry, Supplier<Deployments> deployments, Supplier<RegistryExport> export) {
        return StepType.of("deploy", Set.of("endpoint", "model"), Set.of("reference", "onlyIf"),
                new DeployStep(registry, deployments, export));
    }

    @Override
    public StepResult execute(StepContext context) {
        String endpoint = context.text("endpoint");
        String model = context.text("model");
        String onlyIf = context.optionalText("onlyIf").orElse("true");
        if (!Boolean.parseBoolean(onlyIf)) {
            context.log("not deployed: onlyIf is " + onlyIf);
            return StepResult.of(Map.of("deployed", "false", "endpoint", endpoint));
        }
        ModelVersion version = registry.resolve(Project.DEFAULT_ID, model,
                context.optionalText("reference").orElse("production"));
        ModelVersion served = version;
        if (version.format() == ModelFormat.KEEL) {
            served = exported(model, version).orElseGet(() -> export.get().export(Project.DEFAULT_ID, model,
                    Integer.toString(version.version()), "pipeline:" + context.pipelineName(), 42L));
            context.log("version " + version.version() + " as ONNX: version " + served.version() + " (max deviation "
                    + served.tags().get(RegistryExport.TAG_MAX_DEVIATION) + ")");
        }
        deployments.get().deploy(DeploymentSpec.of(endpoint, model, Integer.toString(served.version()),
                BatchPolicy.defaults()));
        context.log("endpoint " + endpoint + " serves " + model + " version " + served.version());
        return StepResult.of(Map.of("deployed", "true", "endpoint", endpoint, "version",
                Integer.toString(served.version()), "source_version", Integer.toString(version.version())));
    }

    private Optional<ModelVersion> exported(String model, ModelVersion source) {
        String from = Integer.toString(source.version());
        return registry.listVersions(Project.DEFAULT_ID, model, 1000, 0).stream()
                .filter(v -> v.format() == ModelFormat.ONNX && from.equals(v.tags().get(RegistryExport.TAG_FROM_VERSION)))
                .findFirst();
    }
}
