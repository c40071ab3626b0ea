package dev.keel.serve.registry;

import static java.util.Objects.requireNonNull;

import dev.keel.serve.runtime.ModelFormat;
import dev.keel.serve.runtime.ModelSignature;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A request to register a model file as a new version. {@code signature} is required for TorchScript (the file
 * has none) and ignored for ONNX and Keel bundles, whose signature is read from the file.
 *
 * @param source where the file came from, e.g. {@code runs:/<run id>/model.keel} or {@code upload:model.onnx}
 */
public record NewModelVersion(ModelFormat format, Path file, String source, Optional<String> sourceRunId,
                              Optional<ModelSignature> signature, Map<String, Double> metrics,
                              Optional<String> datasetVersion, Optional<String> description, Map<String, String> tags,
                              String actor) {
    public NewModelVersion {
        requireNonNull(format, "format is null");
        requireNonNull(file, "file is null");
        requireNonNull(source, "source is null");
        requireNonNull(sourceRunId, "sourceRunId is null");
        requireNonNull(signature, "signature is null");
        metrics = Map.copyOf(requireNonNull(metrics, "metrics is null"));
        requireNonNull(datasetVersion, "datasetVersion is null");
        requireNonNull(description, "description is null");
        tags = Map.copyOf(requireNonNull(tags, "tags is null"));
        requireNonNull(actor, "actor is null");
    }

    /** A file with no provenance beyond its source: what an upload of an external model is. */
    public static NewModelVersion ofFile(ModelFormat format, Path file, String source, String actor) {
        return new NewModelVersion(format, file, source, Optional.empty(), Optional.empty(), Map.of(), Optional.empty(),
                Optional.empty(), Map.of(), actor);
    }

    public NewModelVersion withSignature(ModelSignature declared) {
        return new NewModelVersion(format, file, source, sourceRunId, Optional.of(declared), metrics, datasetVersion,
                description, tags, actor);
    }
}
