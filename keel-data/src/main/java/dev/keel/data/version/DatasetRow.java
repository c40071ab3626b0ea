package dev.keel.data.version;

import dev.keel.core.dataset.Dataset;

/** A dataset as stored, with the id of its head version (the optimistic-concurrency pointer). */
record DatasetRow(Dataset dataset, String projectId, String headVersionId) {
    String id() {
        return dataset.id();
    }
}
