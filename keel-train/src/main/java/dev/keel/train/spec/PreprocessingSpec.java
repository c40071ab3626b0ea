package dev.keel.train.spec;

import static java.util.Objects.requireNonNull;

/** Input normalisation, label mapping and, for text inputs, tokenisation ({@code text} is {@code null} otherwise). */
public record PreprocessingSpec(NormalizationSpec normalization, LabelSpec labels, TextSpec text) {
    public PreprocessingSpec {
        requireNonNull(normalization, "normalization is null");
        requireNonNull(labels, "labels is null");
    }
}
