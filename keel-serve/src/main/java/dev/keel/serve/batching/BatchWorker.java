package dev.keel.serve.batching;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One worker thread's loop: take a batch, answer expired requests without computing them, run the rest,
 * and if the batch call fails run each request alone so only the bad one fails. Nothing a model throws
 * ends the loop; only the batcher closing with an empty queue does.
 */
final class BatchWorker<I, O> implements Runnable {
    private final Supplier<List<Pending<I, O>>> batches;
    private final BatchFunction<I, O> function;
    private final Ticker ticker;
    private final BatchListener listener;

    BatchWorker(Supplier<List<Pending<I, O>>> batches, BatchFunction<I, O> function, Ticker ticker,
            BatchListener listener) {
        this.batches = batches;
        this.function = function;
        this.ticker = ticker;
        this.listener = listener;
    }

    @Override
    public void run() {
        for (List<Pending<I, O>> batch; (batch = batches.get()) != null; ) {
            if (batch.isEmpty()) {
                continue;
            }
            try {
                runBatch(live(batch));
            } catch (Throwable unexpected) {
                // A bug here must not strand callers nor kill the worker.
                for (Pending<I, O> pending : batch) {
                    answer(pending, null, unexpected);
                }
            }
        }
    }

    private List<Pending<I, O>> live(List<Pending<I, O>> batch) {
        long now = ticker.nanoTime();
        List<Pending<I, O>> live = new ArrayList<>(batch.size());
        for (Pending<I, O> pending : batch) {
            if (pending.future().isDone()) {
                continue; // cancelled by the caller
            }
            if (now - pending.deadlineNanos() >= 0) {
                listener.expired();
                answer(pending, null, new KeelException(ErrorCode.DEADLINE_EXCEEDED,
                        "request waited " + (now - pending.enqueuedNanos()) / 1000 + " us in the queue, past its deadline"));
                continue;
            }
            listener.dequeued(now - pending.enqueuedNanos());
            live.add(pending);
        }
        return live;
    }

    private void runBatch(List<Pending<I, O>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<I> inputs = new ArrayList<>(batch.size());
        int rows = 0;
        for (Pending<I, O> pending : batch) {
            inputs.add(pending.input());
            rows += pending.rows();
        }
        long start = ticker.nanoTime();
        List<O> outputs;
        try {
            outputs = function.apply(inputs);
            if (outputs == null || outputs.size() != inputs.size()) {
                throw new IllegalStateException("model returned " + (outputs == null ? "null" : outputs.size())
                        + " outputs for " + inputs.size() + " inputs");
            }
        } catch (Throwable batchFailure) {
            listener.batchCompleted(batch.size(), rows, ticker.nanoTime() - start, true);
            if (batch.size() == 1) {
                answer(batch.getFirst(), null, batchFailure);
            } else {
                runOneByOne(batch);
            }
            return;
        }
        listener.batchCompleted(batch.size(), rows, ticker.nanoTime() - start, false);
        for (int i = 0; i < batch.size(); i++) {
            answer(batch.get(i), outputs.get(i), null);
        }
    }

    private void runOneByOne(List<Pending<I, O>> batch) {
        for (Pending<I, O> pending : batch) {
            long start = ticker.nanoTime();
            try {
                List<O> output = function.apply(List.of(pending.input()));
                if (output == null || output.size() != 1) {
                    throw new IllegalStateException("model returned " + (output == null ? "null" : output.size())
                            + " outputs for 1 input");
                }
                listener.batchCompleted(1, pending.rows(), ticker.nanoTime() - start, false);
                answer(pending, output.getFirst(), null);
            } catch (Throwable itemFailure) {
                listener.batchCompleted(1, pending.rows(), ticker.nanoTime() - start, true);
                answer(pending, null, itemFailure);
            }
        }
    }

    private void answer(Pending<I, O> pending, O output, Throwable error) {
        boolean first = error == null
                ? pending.future().complete(output)
                : pending.future().completeExceptionally(error);
        if (first) {
            listener.answered(error);
        }
    }
}
