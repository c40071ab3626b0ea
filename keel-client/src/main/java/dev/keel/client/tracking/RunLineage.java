package dev.keel.client.tracking;

/** What a run trained on: dataset version id and content hash, spec hash and seed (null when unknown). */
public record RunLineage(String datasetVersionId, String datasetVersionHash, String specHash, Long seed) {}
