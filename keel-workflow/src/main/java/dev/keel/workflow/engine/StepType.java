package dev.keel.workflow.engine;

import static java.util.Objects.requireNonNull;

import dev.keel.workflow.spec.StepSignature;
import java.util.Set;

/** A step type a server offers: its name, the params it requires and accepts, and how it runs. */
public record StepType(StepSignature signature, StepExecutor executor) {
    public StepType {
        requireNonNull(signature, "signature is null");
        requireNonNull(executor, "executor is null");
    }

    public static StepType of(String name, Set<String> required, Set<String> optional, StepExecutor executor) {
        return new StepType(new StepSignature(name, required, optional), executor);
    }

    public String name() {
        return signature.type();
    }
}
