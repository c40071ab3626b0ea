package dev.keel.serve.deploy;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.Problems;
import dev.keel.serve.batching.BatchPolicy;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What to serve under an endpoint name: a model at a reference (version number or alias), how to batch it,
 * how many warm-up batches to run before it takes traffic, and an optional canary.
 */
public record DeploymentSpec(String endpoint, String model, String reference, BatchPolicy policy, int warmupBatches,
        Optional<CanarySplit> canary) {
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,127}");

    public DeploymentSpec {
        requireNonNull(policy, "policy is null");
        requireNonNull(canary, "canary is null");
        new Problems()
                .require(endpoint != null && NAME.matcher(endpoint).matches(), "endpoint", endpoint,
                        "1-128 characters of letters, digits, '.', '_', '-'")
                .require(model != null && !model.isBlank(), "model", model, "a registered model name")
                .require(reference != null && !reference.isBlank(), "reference", reference,
                        "a version number or alias")
                .require(warmupBatches >= 0 && warmupBatches <= 1000, "warmupBatches", warmupBatches, "0..1000")
                .throwIfAny("deployment");
    }

    public static DeploymentSpec of(String endpoint, String model, String reference, BatchPolicy policy) {
        return new DeploymentSpec(endpoint, model, reference, policy, 3, Optional.empty());
    }

    public DeploymentSpec withCanary(CanarySplit split) {
        return new DeploymentSpec(endpoint, model, reference, policy, warmupBatches, Optional.of(split));
    }

    public DeploymentSpec withWarmupBatches(int batches) {
        return new DeploymentSpec(endpoint, model, reference, policy, batches, canary);
    }
}
