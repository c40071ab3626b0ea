package dev.keel.serve.deploy;

import static java.util.Objects.requireNonNull;

import dev.keel.serve.runtime.Tensor;
import java.util.Map;

/** One request's answer and which model version computed it (canaries and swaps make that vary). */
public record Prediction(String model, String version, Map<String, Tensor> outputs) {
    public Prediction {
        requireNonNull(model, "model is null");
        requireNonNull(version, "version is null");
        outputs = Map.copyOf(outputs);
    }
}
