package dev.keel.train.tracking;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Takes metric points off the training thread: {@link #log} only enqueues, and one background task (on the
 * executor passed in) writes them through a {@link MetricWriter} every {@code flushInterval} or as soon as
 * {@code batchSize} points wait. The queue is bounded, so a database slower than training slows the
 * producer down (back pressure) instead of growing memory. A write failure is not swallowed: the next
 * {@link #log}, {@link #flush} or {@link #close} throws it.
 */
public final class AsyncMetricWriter implements AutoCloseable {
    private static final long POLL_MILLIS = 20;
    private final MetricWriter writer;
    private final BlockingQueue<RunMetric> queue;
    private final int batchSize;
    private final Duration flushInterval;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Object flushed = new Object();
    private final Future<?> task;
    private final AtomicInteger flushRequests = new AtomicInteger();
    private volatile boolean closing;
    private long enqueued;
    private long written;

    public AsyncMetricWriter(MetricWriter writer, ExecutorService executor, int batchSize, int queueCapacity,
            Duration flushInterval) {
        this.writer = requireNonNull(writer, "writer is null");
        requireNonNull(executor, "executor is null");
        if (batchSize < 1 || queueCapacity < batchSize) {
            throw new IllegalArgumentException("batchSize: " + batchSize + ", queueCapacity: " + queueCapacity
                    + " (expected: 1 <= batchSize <= queueCapacity)");
        }
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.flushInterval = requireNonNull(flushInterval, "flushInterval is null");
        this.task = executor.submit(this::drainLoop);
    }

    /** Enqueues a point; blocks only while the queue is full. */
    public void log(String runId, MetricPoint point) {
        throwIfFailed();
        RunMetric metric = new RunMetric(runId, point);
        try {
            queue.put(metric);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeelException(ErrorCode.INTERNAL, "interrupted while logging metric " + point.key(), e);
        }
        synchronized (flushed) {
            enqueued++;
        }
    }

    /** Waits until every point logged so far is written (or the writer failed, which it throws). */
    public void flush() {
        // A waiting flush makes the background task write what it has instead of filling a whole batch.
        flushRequests.incrementAndGet();
        try {
            awaitWritten();
        } finally {
            flushRequests.decrementAndGet();
        }
        throwIfFailed();
    }

    private void awaitWritten() {
        synchronized (flushed) {
            long target = enqueued;
            while (written < target && failure.get() == null && !task.isDone()) {
                try {
                    flushed.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KeelException(ErrorCode.INTERNAL, "interrupted while flushing metrics", e);
                }
            }
        }
    }

    /** Writes what is queued, stops the background task and throws any write failure. */
    @Override
    public void close() {
        try {
            flush();
        } finally {
            closing = true;
            if (queue.isEmpty()) {
                // Everything is written: stop the task waiting for points rather than let it time out.
                task.cancel(true);
            }
            try {
                task.get(flushInterval.toMillis() + 10_000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                task.cancel(true);
            }
        }
        throwIfFailed();
    }

    private void drainLoop() {
        List<RunMetric> batch = new ArrayList<>(batchSize);
        while (!closing || !queue.isEmpty()) {
            try {
                RunMetric first = queue.poll(flushInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                fill(batch);
                writer.write(batch);
                markWritten(batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                markWritten(0);
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Gathers up to a full batch, for at most one flush interval after the first point. It sleeps rather than
     * waiting on the queue, so a producer's {@code put} never has to wake this thread up: a point logged costs
     * the training thread an enqueue, not a context switch.
     */
    private void fill(List<RunMetric> batch) throws InterruptedException {
        long deadline = System.nanoTime() + flushInterval.toNanos();
        while (true) {
            queue.drainTo(batch, batchSize - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= batchSize || closing || flushWaiting() > 0 || left <= 0) {
                return;
            }
            Thread.sleep(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), POLL_MILLIS)));
        }
    }

    private int flushWaiting() {
        return flushRequests.get();
    }

    private void markWritten(int count) {
        synchronized (flushed) {
            written += count;
            flushed.notifyAll();
        }
    }

    private void throwIfFailed() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw new KeelException(ErrorCode.STORE_UNAVAILABLE, "metric writer failed: " + e.getMessage(), e);
        }
    }
}
