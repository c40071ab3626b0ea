package dev.keel.serve.deploy;

import dev.keel.serve.batching.BatchListener;
import java.util.List;
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
            public void versionStopped(String endpoint, String model, String version) {
                copy.forEach(o -> o.versionStopped(endpoint, model, version));
            }
        };
    }
}
