package dev.keel.server.workflow;

import static java.util.Objects.requireNonNull;

import dev.keel.core.dataset.DatasetVersion;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.version.DatasetService;
import dev.keel.data.version.ImportRequest;
import dev.keel.workflow.engine.StepContext;
import dev.keel.workflow.engine.StepExecutor;
import dev.keel.workflow.engine.StepFailure;
import dev.keel.workflow.engine.StepResult;
import dev.keel.workflow.engine.StepType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code import-dataset}: snapshots a server-side {@code path} (inside the configured import roots, as for the
 * import API) as a new version of {@code dataset}, created when missing; {@code tags}, {@code message},
 * {@code format} and {@code split} as for a commit. Outputs {@code version} and {@code ref} ({@code name@version}).
 */
final class ImportDatasetStep implements StepExecutor {
    private final DatasetService datasets;
    private final List<Path> importRoots;

    ImportDatasetStep(DatasetService datasets, List<Path> importRoots) {
        this.datasets = requireNonNull(datasets, "datasets is null");
        this.importRoots = List.copyOf(importRoots);
    }

    static StepType type(DatasetService datasets, List<Path> importRoots) {
        return StepType.of("import-dataset", Set.of("dataset", "path"), Set.of("message", "tags", "format", "split"),
                new ImportDatasetStep(datasets, importRoots));
    }

    @Override
    public StepResult execute(StepContext context) {
        String name = context.text("dataset");
        Path path = Path.of(context.text("path")).toAbsolutePath().normalize();
        if (importRoots.stream().noneMatch(path::startsWith)) {
            throw StepFailure.permanent("params.path: " + path + " (expected: inside the import roots " + importRoots
                    + "; set datasets.importRoots)");
        }
        try {
            datasets.getDataset(null, name);
        } catch (KeelException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            datasets.createDataset(null, name, "created by pipeline " + context.pipelineName());
        }
        List<String> tags = new ArrayList<>();
        context.params().path("tags").forEach(tag -> tags.add(tag.asText()));
        var params = context.params();
        DatasetVersion version = datasets.importPath(null, name, new ImportRequest(path, null,
                context.optionalText("message").orElse("imported by pipeline " + context.pipelineName()),
                "pipeline:" + context.pipelineName(), tags, params.get("format"), params.get("split")));
        context.log("imported " + path + " as " + name + "@" + version.number());
        return StepResult.of(Map.of("dataset", name, "version", Integer.toString(version.number()), "ref",
                name + "@" + version.number()));
    }
}
