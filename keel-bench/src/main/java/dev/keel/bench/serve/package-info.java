/** Model-server benchmarks: served vs in-process throughput and latency, batching speed-up, overload. */
package dev.keel.bench.serve;
