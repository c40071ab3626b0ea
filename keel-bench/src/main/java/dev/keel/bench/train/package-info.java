/** Trainer benchmarks: throughput against native PyTorch, accuracy on genuine Fashion-MNIST. */
package dev.keel.bench.train;
