package dev.keel.serve.batching;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.Problems;
import java.time.Duration;

/**
 * How a deployment batches. {@code maxQueueDelay} is how long a batch may wait for more requests after its
 * first one arrived (microsecond precision; zero means never wait: take what is queued).
 * {@code maxBatchSize} counts rows, so one request carrying several rows fills several places.
 */
public record BatchPolicy(int maxBatchSize, Duration maxQueueDelay, int queueCapacity, Duration requestTimeout,
        int workers) {
    public BatchPolicy {
        requireNonNull(maxQueueDelay, "maxQueueDelay is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        Problems problems = new Problems();
        if (maxBatchSize < 1) {
            problems.add("maxBatchSize: " + maxBatchSize + " (expected: >= 1)");
        }
        if (maxQueueDelay.isNegative()) {
            problems.add("maxQueueDelay: " + maxQueueDelay + " (expected: >= 0)");
        }
        if (queueCapacity < 1) {
            problems.add("queueCapacity: " + queueCapacity + " (expected: >= 1)");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            problems.add("requestTimeout: " + requestTimeout + " (expected: > 0)");
        }
        if (workers < 1) {
            problems.add("workers: " + workers + " (expected: >= 1)");
        }
        problems.throwIfAny("batch policy");
    }

    /** A sensible default: batches of up to 32, 2 ms delay, 1024 queued requests, 30 s deadline, 1 worker. */
    public static BatchPolicy defaults() {
        return new BatchPolicy(32, Duration.ofNanos(2_000_000), 1024, Duration.ofSeconds(30), 1);
    }

    public long maxQueueDelayMicros() {
        return maxQueueDelay.toNanos() / 1000;
    }

    public BatchPolicy withWorkers(int count) {
        return new BatchPolicy(maxBatchSize, maxQueueDelay, queueCapacity, requestTimeout, count);
    }
}
