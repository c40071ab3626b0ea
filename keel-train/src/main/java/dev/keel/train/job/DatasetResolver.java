package dev.keel.train.job;

import dev.keel.train.spec.DatasetReference;

/**
 * Pins a spec's dataset reference ({@code name@3}, {@code name:latest}) to one version at submission, so a job
 * and every resume of it train on the same data. {@code NOT_FOUND} when the dataset or version does not exist.
 */
public interface DatasetResolver {
    /** {@code version} is the version's number, a ref that never moves. */
    record ResolvedDataset(String name, String version, String versionId, String contentHash) {}

    ResolvedDataset resolve(String projectId, DatasetReference reference);
}
