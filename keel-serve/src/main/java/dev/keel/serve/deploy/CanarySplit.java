package dev.keel.serve.deploy;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.KeelException;

/** Sends {@code weight} (0 < weight < 1) of an endpoint's traffic to another version or alias of the model. */
public record CanarySplit(String reference, double weight) {
    public CanarySplit {
        requireNonNull(reference, "reference is null");
        if (reference.isBlank()) {
            throw KeelException.invalid("canary.reference: blank (expected: a version number or alias)");
        }
        if (!(weight > 0 && weight < 1)) {
            throw KeelException.invalid("canary.weight: " + weight + " (expected: > 0 and < 1)");
        }
    }
}
