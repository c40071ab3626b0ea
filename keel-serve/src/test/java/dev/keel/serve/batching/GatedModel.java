package dev.keel.serve.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A fake model: doubles integers, throws for negative ones, and (when gated) blocks each call until the
 * test releases it, so a test can pile requests up behind a busy worker and then watch how they batch.
 */
final class GatedModel implements BatchFunction<Integer, Integer> {
    final List<List<Integer>> calls = new CopyOnWriteArrayList<>();
    private final Semaphore entered = new Semaphore(0);
    private final Semaphore permits;
    private final boolean gated;

    GatedModel(boolean gated) {
        this.gated = gated;
        this.permits = new Semaphore(0);
    }

    @Override
    public List<Integer> apply(List<Integer> inputs) throws Exception {
        calls.add(List.copyOf(inputs));
        entered.release();
        if (gated && !permits.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("test never released the model");
        }
        List<Integer> out = new ArrayList<>();
        for (int input : inputs) {
            if (input < 0) {
                throw new IllegalArgumentException("negative input " + input);
            }
            if (input == 666) {
                throw new OutOfMemoryError("simulated native failure");
            }
            out.add(input * 2);
        }
        return out;
    }

    /** Waits until the model has been entered {@code count} more times. */
    void awaitCalls(int count) throws InterruptedException {
        if (!entered.tryAcquire(count, 10, TimeUnit.SECONDS)) {
            throw new AssertionError("model was not called " + count + " times");
        }
    }

    void release(int calls) {
        permits.release(calls);
    }

    void releaseAll() {
        permits.release(1_000_000);
    }
}
