package dev.keel.serve.deploy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.serve.runtime.ModelRuntime;
import dev.keel.serve.runtime.ModelSignature;
import dev.keel.serve.runtime.Tensor;
import dev.keel.serve.runtime.TensorSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs zero-filled batches built from the signature through a freshly loaded runtime, so lazy
 * initialisation (allocations, JIT, kernel selection) happens before real traffic, and a model that cannot
 * answer its own signature never receives any.
 */
final class WarmUp {
    private WarmUp() {}

    static void run(String model, String version, ModelRuntime runtime, int batches, int maxBatchSize) {
        ModelSignature signature = runtime.signature();
        for (int i = 0; i < batches; i++) {
            // Alternate a single row with a full batch: both code paths get exercised.
            long rows = i % 2 == 0 ? 1 : Math.max(1, maxBatchSize);
            try {
                Map<String, Tensor> outputs = runtime.predict(dummyInputs(signature, rows));
                for (TensorSpec output : signature.outputs()) {
                    if (!outputs.containsKey(output.name())) {
                        throw new IllegalStateException("output " + output.name() + " missing from the result");
                    }
                }
            } catch (RuntimeException e) {
                throw new KeelException(ErrorCode.INVALID_ARGUMENT, "model " + model + " version " + version
                        + " failed warm-up batch " + (i + 1) + " of " + batches + " (" + rows + " rows, signature "
                        + signature.describe() + "): " + e.getMessage(), List.of(String.valueOf(e.getMessage())), e);
            }
        }
    }

    static Map<String, Tensor> dummyInputs(ModelSignature signature, long rows) {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (TensorSpec spec : signature.inputs()) {
            long[] shape = spec.shape();
            for (int d = 0; d < shape.length; d++) {
                if (shape[d] == -1) {
                    shape[d] = d == 0 ? rows : 1;
                }
            }
            inputs.put(spec.name(), Tensor.zeros(spec.dtype(), shape));
        }
        return inputs;
    }
}
