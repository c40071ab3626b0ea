package dev.keel.serve.batching;

/**
 * Observes a batcher for metrics. Called on worker threads (and on the submitting thread for rejections),
 * so implementations must be cheap and thread-safe.
 */
public interface BatchListener {
    /** A batch of {@code rows} rows from {@code requests} requests ran in {@code computeNanos}. */
    default void batchCompleted(int requests, int rows, long computeNanos, boolean failed) {}

    /** A request left the queue for computation after waiting {@code queueNanos}. */
    default void dequeued(long queueNanos) {}

    /** A request was turned away because the queue was full. */
    default void rejected() {}

    /** A request expired in the queue and was answered without being computed. */
    default void expired() {}

    /** One request's outcome: {@code null} for success, else the error it got. */
    default void answered(Throwable error) {}

    BatchListener NONE = new BatchListener() {};
}
