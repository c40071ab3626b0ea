/**
 * The dynamic batcher: requests queue per deployment and worker threads take them in batches of up to a
 * maximum size, waiting at most a configured delay for a batch to fill. Knows nothing about HTTP or models:
 * time comes from an injected {@link dev.keel.serve.batching.Ticker}, work from a
 * {@link dev.keel.serve.batching.BatchFunction}, so tests drive it with a fake model and a fake clock.
 */
package dev.keel.serve.batching;
