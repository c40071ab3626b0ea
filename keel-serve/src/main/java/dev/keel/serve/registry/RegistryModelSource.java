package dev.keel.serve.registry;

import static java.util.Objects.requireNonNull;

import dev.keel.serve.deploy.ModelSource;
import dev.keel.serve.runtime.ModelRuntime;
import dev.keel.serve.runtime.RuntimeOptions;
import java.nio.file.Path;

/**
 * Deployments' {@link ModelSource} over the registry: references resolve through versions, aliases and
 * {@code latest} of one project; model files are copied into {@code workDirectory} for the runtimes to load.
 */
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
        return Integer.toString(registry.resolve(project, model, reference).version());
    }

    @Override
    public ModelRuntime open(String model, String version) {
        return registry.openRuntime(project, model, version, workDirectory, options);
    }
}
