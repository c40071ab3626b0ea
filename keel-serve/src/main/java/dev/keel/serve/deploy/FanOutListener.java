package dev.keel.serve.deploy;

import dev.keel.serve.batching.BatchListener;
import java.util.List;

/** Passes every batcher event to several listeners. */
record FanOutListener(List<BatchListener> listeners) implements BatchListener {
    @Override
    public void batchCompleted(int requests, int rows, long computeNanos, boolean failed) {
        for (BatchListener listener : listeners) {
            listener.batchCompleted(requests, rows, computeNanos, failed);
        }
    }

    @Override
    public void dequeued(long queueNanos) {
        for (BatchListener listener : listeners) {
            listener.dequeued(queueNanos);
        }
    }

    @Override
    public void rejected() {
        for (BatchListener listener : listeners) {
            listener.rejected();
        }
    }

    @Override
    public void expired() {
        for (BatchListener listener : listeners) {
            listener.expired();
        }
    }

    @Override
    public void answered(Throwable error) {
        for (BatchListener listener : listeners) {
            listener.answered(error);
        }
    }
}
