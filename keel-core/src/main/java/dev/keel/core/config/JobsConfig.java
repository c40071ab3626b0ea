package dev.keel.core.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Training job settings: how many jobs run at once ({@code jobs.maxConcurrent}) and the heap each worker JVM
 * gets ({@code jobs.workerMaxHeap}, passed as {@code -Xmx}; native PyTorch memory comes on top of it), and extra
 * environment variables for worker processes (set programmatically, e.g. by embedding code and tests).
 */
public record JobsConfig(int maxConcurrent, DataSize workerMaxHeap, Map<String, String> workerEnvironment) {
    public JobsConfig {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("jobs.maxConcurrent: " + maxConcurrent + " (expected: >= 1)");
        }
        requireNonNull(workerMaxHeap, "workerMaxHeap is null");
        if (workerMaxHeap.bytes() < 64L * 1024 * 1024) {
            throw new IllegalArgumentException("jobs.workerMaxHeap: " + workerMaxHeap + " (expected: >= 64MB)");
        }
        workerEnvironment = Map.copyOf(workerEnvironment);
    }

    public JobsConfig(int maxConcurrent, DataSize workerMaxHeap) {
        this(maxConcurrent, workerMaxHeap, Map.of());
    }

    public static JobsConfig defaults() {
        return new JobsConfig(1, DataSize.ofMegabytes(1024));
    }
}
