package dev.keel.train.model;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.types.Shape;

/**
 * What a model is built for: the shape of one example (no batch dimension), the number of classes and, for
 * token-id inputs, the vocabulary size including the padding and unknown ids (0 otherwise).
 */
public record ModelInput(Shape example, int classes, int vocabularySize) {
    public ModelInput {
        requireNonNull(example, "example is null");
        if (classes < 2) {
            throw new IllegalArgumentException("classes: " + classes + " (expected: >= 2)");
        }
    }
}
