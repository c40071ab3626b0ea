/** Experiment-tracking benchmarks: batched metric logging throughput and tracking overhead per training step. */
package dev.keel.bench.tracking;
