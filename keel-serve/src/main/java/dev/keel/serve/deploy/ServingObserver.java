package dev.keel.serve.deploy;

import dev.keel.serve.batching.BatchListener;
import dev.keel.serve.runtime.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Hears about every served version so metrics (Prometheus in keel-server, the store writer here) can follow
 * deployments without deployments knowing about either.
 */
public interface ServingObserver {
    /** A version starts taking traffic on an endpoint; the returned listener sees its batcher. */
    BatchListener versionStarted(String endpoint, String model, String version, IntSupplier queueDepth);

    /** The version stopped taking traffic (swap, undeploy) and its batcher drained. */
    default void versionStopped(String endpoint, String model, String version) {}

    /**
     * A batch was computed: its stacked inputs and outputs (rows line up). Called on the batch worker before
     * the requests are answered, so an implementation must only decide whether to sample and hand the batch
     * to its own thread (dropping when that is busy); it must never block or throw.
     */
    default void predicted(String endpoint, String model, String version, Map<String, Tensor> inputs,
            Map<String, Tensor> outputs) {}

    ServingObserver NONE = (endpoint, model, version, queueDepth) -> BatchListener.NONE;

    static ServingObserver all(List<ServingObserver> observers) {
        List<ServingObserver> copy = List.copyOf(observers);
        return new ServingObserver() {
            @Override
            public BatchListener versionStarted(String endpoint, String model, String version, IntSupplier depth) {
                List<BatchListener> listeners = copy.stream()
                        .map(o -> o.versionStarted(endpoint, model, version, depth)).toList();
                return new FanOutListener(listeners);
            }

            @Override
            public void predicted(String endpoint, String model, String version, Map<String, Tensor> inputs,
                    Map<String, Tensor> outputs) {
                copy.forEach(o -> o.predicted(endpoint, model, version, inputs, outputs));
            }

            @Override
            public void versionStopped(String endpoint, String model, String version) {
                copy.forEach(o -> o.versionStopped(endpoint, model, version));
            }
        };
    }
}
