package dev.keel.train.spec;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A whole training run, declared: data, preprocessing, model, optimisation, evaluation metrics and engine
 * threads. Built by {@link TrainingSpecParser} with every default filled in, so {@link #specHash()} identifies
 * what is trained rather than how the file was written. The format is documented in
 * {@code keel-train/README.md} and pinned by golden files in the tests.
 */
public record TrainingSpec(String name, DataSpec data, PreprocessingSpec preprocessing, ModelSpec model,
                           TrainingOptions training, List<String> metrics, int threads) {
    public static final List<String> METRICS = List.of("loss", "accuracy", "precision", "recall", "f1", "confusion");

    public TrainingSpec {
        requireNonNull(name, "name is null");
        requireNonNull(data, "data is null");
        requireNonNull(preprocessing, "preprocessing is null");
        requireNonNull(model, "model is null");
        requireNonNull(training, "training is null");
        metrics = List.copyOf(metrics);
    }

    /** SHA-256 (hex) of {@link SpecJson#canonical(TrainingSpec)}: stable across key order, formatting and defaults. */
    public String specHash() {
        return SpecJson.hash(this);
    }
}
