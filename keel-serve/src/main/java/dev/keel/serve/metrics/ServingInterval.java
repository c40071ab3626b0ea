package dev.keel.serve.metrics;

import static java.util.Objects.requireNonNull;

/**
 * One served version's totals over one flush interval: what {@code serving_metrics} stores, plus request
 * latency (queue wait + compute) quantiles from a log-scale histogram (within 10%), handed to an
 * {@link IntervalSink} such as the metrics store.
 */
public record ServingInterval(String endpoint, String model, String version, long startMillis, long endMillis,
        long requests, long errors, long rejected, long expired, long batches, long batchRows, long queueNanosTotal,
        long queueNanosMax, long computeNanosTotal, long computeNanosMax, int queueDepth, long latencyP50Nanos,
        long latencyP90Nanos, long latencyP99Nanos) {
    public ServingInterval {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(model, "model is null");
        requireNonNull(version, "version is null");
    }

    boolean isEmpty() {
        return requests == 0 && batches == 0 && rejected == 0 && expired == 0;
    }
}
