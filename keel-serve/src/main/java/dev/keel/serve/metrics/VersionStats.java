package dev.keel.serve.metrics;

import dev.keel.serve.batching.BatchListener;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Lock-free counters for one served version over the current interval; {@link #drain} resets them. A
 * request's latency is its queue wait plus its batch's compute time; the batcher reports the waits of a
 * batch's requests ({@link #dequeued}) and then the batch ({@link #batchCompleted}) on the same worker
 * thread, so the waits are held per thread until their batch completes.
 */
final class VersionStats implements BatchListener {
    private static final class Waits {
        long[] nanos = new long[16];
        int size;
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
    private final LatencyHistogram latency = new LatencyHistogram();
    private final ThreadLocal<Waits> waits = ThreadLocal.withInitial(Waits::new);

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
        Waits pending = waits.get();
        for (int i = 0; i < pending.size; i++) {
            latency.record(pending.nanos[i] + nanos);
        }
        pending.size = 0;
    }

    @Override
    public void dequeued(long nanos) {
        queueNanos.add(nanos);
        queueMax.accumulate(nanos);
        Waits pending = waits.get();
        if (pending.size == pending.nanos.length) {
            pending.nanos = java.util.Arrays.copyOf(pending.nanos, pending.size * 2);
        }
        pending.nanos[pending.size++] = nanos;
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
    ServingInterval drain(long start, long end) {
        long[] histogram = latency.drain();
        return new ServingInterval(endpoint, model, version, start, end, requests.sumThenReset(),
                errors.sumThenReset(), rejected.sumThenReset(), expired.sumThenReset(), batches.sumThenReset(),
                batchRows.sumThenReset(), queueNanos.sumThenReset(), queueMax.getThenReset(),
                computeNanos.sumThenReset(), computeMax.getThenReset(), queueDepth.getAsInt(),
                LatencyHistogram.quantile(histogram, 0.5), LatencyHistogram.quantile(histogram, 0.9),
                LatencyHistogram.quantile(histogram, 0.99));
    }
}
