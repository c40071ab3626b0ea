package dev.keel.client.endpoints;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of {@code POST /api/v1/endpoints}; null fields take the server's defaults.
 *
 * @param reference a version number or an alias (the endpoint follows the alias when it moves)
 * @param canary a second reference and the share of traffic it gets, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Deployment(String endpoint, String model, String reference, Integer maxBatchSize,
                         Long maxQueueDelayMicros, Integer queueCapacity, Long requestTimeoutMillis, Integer workers,
                         Integer warmupBatches, Canary canary) {
    public Deployment {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(model, "model is null");
        requireNonNull(reference, "reference is null");
    }

    /** Server defaults for everything but the names. */
    public static Deployment of(String endpoint, String model, String reference) {
        return new Deployment(endpoint, model, reference, null, null, null, null, null, null, null);
    }

    public Deployment withBatching(int maxBatchSize, long maxQueueDelayMicros) {
        return new Deployment(endpoint, model, reference, maxBatchSize, maxQueueDelayMicros, queueCapacity,
                requestTimeoutMillis, workers, warmupBatches, canary);
    }

    public record Canary(String reference, double weight) {}
}
