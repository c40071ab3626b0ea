package dev.keel.serve.metrics;

import dev.keel.serve.batching.BatchListener;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** Lock-free counters for one served version over the current interval; {@link #drain} resets them. */
final class VersionStats implements BatchListener {
    record Snapshot(long requests, long errors, long rejected, long expired, long batches, long batchRows,
            long queueNanosTotal, long queueNanosMax, long computeNanosTotal, long computeNanosMax, int queueDepth) {
        boolean isEmpty() {
            return requests == 0 && batches == 0 && rejected == 0 && expired == 0;
        }
    }

    final String endpoint;
    final String model;
    final String version;
    private final IntSupplier queueDepth;
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder batchRows = new LongAdder();
    private final LongAdder queueNanos = new LongAdder();
    private final LongAccumulator queueMax = new LongAccumulator(Math::max, 0);
    private final LongAdder computeNanos = new LongAdder();
    private final LongAccumulator computeMax = new LongAccumulator(Math::max, 0);

    VersionStats(String endpoint, String model, String version, IntSupplier queueDepth) {
        this.endpoint = endpoint;
        this.model = model;
        this.version = version;
        this.queueDepth = queueDepth;
    }

    @Override
    public void batchCompleted(int requestCount, int rows, long nanos, boolean failed) {
        batches.increment();
        batchRows.add(rows);
        computeNanos.add(nanos);
        computeMax.accumulate(nanos);
    }

    @Override
    public void dequeued(long nanos) {
        queueNanos.add(nanos);
        queueMax.accumulate(nanos);
    }

    @Override
    public void rejected() {
        rejected.increment();
    }

    @Override
    public void expired() {
        expired.increment();
    }

    @Override
    public void answered(Throwable error) {
        requests.increment();
        if (error != null) {
            errors.increment();
        }
    }

    /** The interval's totals, resetting them (a racing event may land in either interval, never in none). */
    Snapshot drain() {
        return new Snapshot(requests.sumThenReset(), errors.sumThenReset(), rejected.sumThenReset(),
                expired.sumThenReset(), batches.sumThenReset(), batchRows.sumThenReset(), queueNanos.sumThenReset(),
                queueMax.getThenReset(), computeNanos.sumThenReset(), computeMax.getThenReset(), queueDepth.getAsInt());
    }
}
