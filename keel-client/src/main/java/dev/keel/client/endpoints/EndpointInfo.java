package dev.keel.client.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A deployed endpoint: the model and reference (version or alias) it follows, the versions serving now (two
 * while a canary runs), its batch policy, queue depth and the input/output signature.
 */
public record EndpointInfo(String endpoint, String model, String reference, String version, List<String> versions,
                           JsonNode canary, int maxBatchSize, long maxQueueDelayMicros, int queueCapacity,
                           long requestTimeoutMillis, int workers, int warmupBatches, int queueDepth, String signature) {}
