package dev.keel.serve.registry;

import static java.util.Objects.requireNonNull;

import dev.keel.serve.runtime.ModelFormat;
import dev.keel.serve.runtime.ModelSignature;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One registered version of a model: its file (a blob addressed by SHA-256), format and signature, and where it
 * came from (source run, dataset version). Immutable except description and tags.
 */
public record ModelVersion(String modelName, int version, ModelFormat format, String source,
                           Optional<String> sourceRunId, String blobSha256, long blobSize, ModelSignature signature,
                           Map<String, Double> metrics, Optional<String> datasetVersion, Optional<String> description,
                           Map<String, String> tags, List<String> aliases, String status, String createdBy,
                           long createdAt, long updatedAt) {
    public static final String READY = "READY";

    public ModelVersion {
        requireNonNull(modelName, "modelName is null");
        requireNonNull(format, "format is null");
        requireNonNull(source, "source is null");
        requireNonNull(sourceRunId, "sourceRunId is null");
        requireNonNull(blobSha256, "blobSha256 is null");
        requireNonNull(signature, "signature is null");
        metrics = Map.copyOf(requireNonNull(metrics, "metrics is null"));
        requireNonNull(datasetVersion, "datasetVersion is null");
        requireNonNull(description, "description is null");
        tags = Map.copyOf(requireNonNull(tags, "tags is null"));
        aliases = List.copyOf(requireNonNull(aliases, "aliases is null"));
        requireNonNull(status, "status is null");
        requireNonNull(createdBy, "createdBy is null");
        if (version < 1) {
            throw new IllegalArgumentException("version: " + version + " (expected: >= 1)");
        }
    }
}
