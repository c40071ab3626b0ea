package dev.keel.server.job;

import static java.util.Objects.requireNonNull;

import dev.keel.core.dataset.DatasetVersion;
import dev.keel.data.version.DatasetService;
import dev.keel.train.job.DatasetResolver;
import dev.keel.train.spec.DatasetReference;

/** Pins a spec's dataset reference with the dataset manager (NOT_FOUND passes through as a 404). */
final class DatasetServiceResolver implements DatasetResolver {
    private final DatasetService datasets;

    DatasetServiceResolver(DatasetService datasets) {
        this.datasets = requireNonNull(datasets, "datasets is null");
    }

    @Override
    public ResolvedDataset resolve(String projectId, DatasetReference reference) {
        DatasetVersion version = datasets.getVersion(projectId, reference.name(), reference.ref()).version();
        return new ResolvedDataset(reference.name(), Integer.toString(version.number()), version.id(),
                version.contentHash());
    }
}
