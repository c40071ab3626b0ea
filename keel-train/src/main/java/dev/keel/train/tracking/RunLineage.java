package dev.keel.train.tracking;

/**
 * What a run was trained from: the dataset version (id and content hash), the training spec (its JSON and
 * hash) and the seed. Every field may be null for runs logged by external clients (MLflow).
 */
public record RunLineage(String datasetVersionId, String datasetVersionHash, String specHash, String specJson,
        Long seed) {
    public static final RunLineage NONE = new RunLineage(null, null, null, null, null);
}
