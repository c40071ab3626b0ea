package dev.keel.serve.metrics;

/**
 * Receives every non-empty interval {@link ServingMetricsWriter} flushes, so another store (the metrics store)
 * reuses the same counters instead of observing serving a second time. Called on the flushing thread.
 */
@FunctionalInterface
public interface IntervalSink {
    void interval(ServingInterval interval);

    IntervalSink NONE = interval -> {};
}
