package dev.keel.monitor.series;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers samples in a bounded queue and writes them in batches when {@link #flush} runs (on a schedule).
 * {@link #record} never blocks: when the buffer is full the sample is dropped and counted, because whoever
 * records (serving, the drift sampler) must never wait for the database.
 */
public final class SampleWriter {
    private static final Logger log = LoggerFactory.getLogger(SampleWriter.class);
    private static final int BATCH = 1000;

    private final SeriesRepository series;
    private final BlockingQueue<Sample> buffer;
    private final AtomicLong dropped = new AtomicLong();

    public SampleWriter(SeriesRepository series, int capacity) {
        this.series = requireNonNull(series, "series is null");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        this.buffer = new ArrayBlockingQueue<>(capacity);
    }

    /** Queues a sample; false (and counted) when the buffer is full. */
    public boolean record(Sample sample) {
        requireNonNull(sample, "sample is null");
        if (buffer.offer(sample)) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    public long dropped() {
        return dropped.get();
    }

    /** Writes everything buffered so far, in batches; returns how many samples were written. */
    public synchronized int flush() {
        int written = 0;
        List<Sample> batch = new ArrayList<>(BATCH);
        while (buffer.drainTo(batch, BATCH) > 0) {
            try {
                series.insert(batch);
                written += batch.size();
            } catch (RuntimeException e) {
                // A metrics write failing must not fail the caller's scheduler: drop this batch, keep going.
                log.warn("could not write {} metric samples: {}", batch.size(), e.toString());
                dropped.addAndGet(batch.size());
            }
            batch.clear();
        }
        return written;
    }
}
