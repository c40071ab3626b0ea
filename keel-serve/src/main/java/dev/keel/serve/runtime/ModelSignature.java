package dev.keel.serve.runtime;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The named, typed inputs and outputs of a model; {@link #validate} is the check every runtime runs per call. */
public record ModelSignature(List<TensorSpec> inputs, List<TensorSpec> outputs) {
    public ModelSignature {
        inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
        outputs = List.copyOf(requireNonNull(outputs, "outputs is null"));
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs: [] (expected: at least one input)");
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("outputs: [] (expected: at least one output)");
        }
        requireUniqueNames("inputs", inputs);
        requireUniqueNames("outputs", outputs);
    }

    public Optional<TensorSpec> input(String name) {
        return inputs.stream().filter(spec -> spec.name().equals(name)).findFirst();
    }

    public Optional<TensorSpec> output(String name) {
        return outputs.stream().filter(spec -> spec.name().equals(name)).findFirst();
    }

    /**
     * Checks a batch against the inputs: every input present, no unknown names, dtypes equal, shapes fitting,
     * and one batch size (first dimension) across inputs. Every problem is reported at once, in an
     * INVALID_ARGUMENT whose message names the expected signature.
     */
    public void validate(Map<String, Tensor> batch) {
        requireNonNull(batch, "batch is null");
        List<String> problems = new ArrayList<>();
        Long batchSize = null;
        for (TensorSpec spec : inputs) {
            Tensor tensor = batch.get(spec.name());
            if (tensor == null) {
                problems.add("inputs." + spec.name() + ": missing (expected: " + spec.describe() + ")");
                continue;
            }
            if (tensor.dtype() != spec.dtype()) {
                problems.add("inputs." + spec.name() + ".dtype: " + tensor.dtype().jsonName()
                        + " (expected: " + spec.dtype().jsonName() + ")");
            }
            if (!spec.acceptsShape(tensor.shape())) {
                problems.add("inputs." + spec.name() + ".shape: " + java.util.Arrays.toString(tensor.shape())
                        + " (expected: " + java.util.Arrays.toString(spec.shape()) + ")");
            } else if (tensor.rank() > 0) {
                if (batchSize == null) {
                    batchSize = tensor.shape()[0];
                } else if (batchSize != tensor.shape()[0]) {
                    problems.add("inputs." + spec.name() + ".shape[0]: " + tensor.shape()[0]
                            + " (expected: " + batchSize + ", the batch size of the other inputs)");
                }
            }
        }
        for (String name : batch.keySet()) {
            if (input(name).isEmpty()) {
                problems.add("inputs." + name + ": unknown input (expected one of: "
                        + inputs.stream().map(TensorSpec::name).toList() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new KeelException(ErrorCode.INVALID_ARGUMENT,
                    String.join("; ", problems) + " — model signature: " + describeInputs(), problems);
        }
    }

    /** {@code (x: float32[-1, 4])}: the inputs as error messages show them. */
    public String describeInputs() {
        return "(" + String.join(", ", inputs.stream().map(TensorSpec::describe).toList()) + ")";
    }

    public String describe() {
        return describeInputs() + " -> (" + String.join(", ", outputs.stream().map(TensorSpec::describe).toList()) + ")";
    }

    private static void requireUniqueNames(String field, List<TensorSpec> specs) {
        Set<String> seen = new HashSet<>();
        for (TensorSpec spec : specs) {
            if (!seen.add(spec.name())) {
                throw new IllegalArgumentException(field + ": duplicate name " + spec.name() + " (expected: unique names)");
            }
        }
    }
}
