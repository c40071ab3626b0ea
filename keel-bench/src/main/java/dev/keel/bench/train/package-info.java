/** Trainer benchmarks: throughput against native PyTorch, accuracy on genuine Fashion-MNIST and IMDB. */
package dev.keel.bench.train;
