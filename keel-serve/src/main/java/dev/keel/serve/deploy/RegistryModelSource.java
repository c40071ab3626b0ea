package dev.keel.serve.deploy;

import static java.util.Objects.requireNonNull;

import dev.keel.serve.registry.ModelRegistry;
import dev.keel.serve.runtime.ModelRuntime;
import dev.keel.serve.runtime.RuntimeOptions;
import java.nio.file.Path;

/** Deployments backed by the model registry of one project; model files are materialised under a work directory. */
public final class RegistryModelSource implements ModelSource {
    private final ModelRegistry registry;
    private final String project;
    private final Path workDirectory;
    private final RuntimeOptions options;

    public RegistryModelSource(ModelRegistry registry, String project, Path workDirectory, RuntimeOptions options) {
        this.registry = requireNonNull(registry, "registry is null");
        this.project = requireNonNull(project, "project is null");
        this.workDirectory = requireNonNull(workDirectory, "workDirectory is null");
        this.options = requireNonNull(options, "options is null");
    }

    @Override
    public String resolveVersion(String model, String reference) {
        return String.valueOf(registry.resolve(project, model, reference).version());
    }

    @Override
    public ModelRuntime open(String model, String version) {
        return registry.openRuntime(project, model, version, workDirectory, options);
    }
}
