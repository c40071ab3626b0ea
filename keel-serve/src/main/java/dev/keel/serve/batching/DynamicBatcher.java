package dev.keel.serve.batching;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToIntFunction;

/**
 * Queues requests and runs them through a {@link BatchFunction} in batches, on {@code policy.workers()}
 * threads of its own. A caller gets a {@link CompletableFuture} per request; the submitting thread only
 * enqueues, the worker that computes the batch completes the futures (one thread hop per request).
 *
 * <p>A full queue, an over-sized request and a closed batcher answer immediately with a failed future
 * ({@link ErrorCode#RATE_LIMITED}, {@link ErrorCode#PAYLOAD_TOO_LARGE}, {@link ErrorCode#NOT_READY}); a
 * request whose deadline passes while queued is answered {@link ErrorCode#DEADLINE_EXCEEDED} and never
 * computed. {@link #close()} stops intake and lets the workers finish everything already queued (drain).
 *
 * <p>While a worker waits for more requests to fill a batch it parks outside the queue, and a submitter wakes it
 * only once enough rows are queued to fill the batch: otherwise every arrival during the delay would wake it (a
 * context switch per request, which on a loaded machine competes with the threads doing the actual work).
 */
public final class DynamicBatcher<I, O> implements AutoCloseable {
    private static final long IDLE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private final String name;
    private final BatchPolicy policy;
    private final BatchFunction<I, O> function;
    private final ToIntFunction<I> rowsOf;
    private final Ticker ticker;
    private final BatchListener listener;
    private final BlockingQueue<Pending<I, O>> queue;
    private final List<Thread> workers;
    /** Rows waiting in {@link #queue} (briefly off by a request while one is being offered or polled). */
    private final AtomicInteger queuedRows = new AtomicInteger();
    /** The worker parked waiting to fill a batch, if any, and how many more rows would fill it. */
    private final AtomicReference<Thread> gatherer = new AtomicReference<>();
    private volatile int gathererWants;
    private volatile boolean closed;

    public DynamicBatcher(String name, BatchPolicy policy, BatchFunction<I, O> function, ToIntFunction<I> rowsOf,
            Ticker ticker, ThreadFactory threads, BatchListener listener) {
        this.name = requireNonNull(name, "name is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.function = requireNonNull(function, "function is null");
        this.rowsOf = requireNonNull(rowsOf, "rowsOf is null");
        this.ticker = requireNonNull(ticker, "ticker is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.queue = new ArrayBlockingQueue<>(policy.queueCapacity());
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < policy.workers(); i++) {
            Thread thread = threads.newThread(new BatchWorker<>(this::nextBatch, this::run, ticker, listener));
            thread.start();
            started.add(thread);
        }
        this.workers = List.copyOf(started);
    }

    /** A batcher on platform daemon threads named after the deployment, with the system ticker. */
    public static <I, O> DynamicBatcher<I, O> start(String name, BatchPolicy policy, BatchFunction<I, O> function,
            ToIntFunction<I> rowsOf, BatchListener listener) {
        ThreadFactory threads = Thread.ofPlatform().name("keel-batch-" + name + "-", 0).daemon(true).factory();
        return new DynamicBatcher<>(name, policy, function, rowsOf, Ticker.system(), threads, listener);
    }

    public String name() {
        return name;
    }

    public BatchPolicy policy() {
        return policy;
    }

    /** Queues a request with the policy's deadline. */
    public CompletableFuture<O> submit(I input) {
        return submit(input, policy.requestTimeout());
    }

    /** Queues a request that must start computing within {@code timeout}, else it fails unanswered. */
    public CompletableFuture<O> submit(I input, Duration timeout) {
        requireNonNull(input, "input is null");
        requireNonNull(timeout, "timeout is null");
        int rows = rowsOf.applyAsInt(input);
        if (rows > policy.maxBatchSize()) {
            return failed(new KeelException(ErrorCode.PAYLOAD_TOO_LARGE, "batch of " + rows + " rows is over the limit of "
                    + policy.maxBatchSize() + " for endpoint " + name,
                    List.of("rows: " + rows + " (expected: <= " + policy.maxBatchSize() + ")")));
        }
        if (closed) {
            return failed(notReady());
        }
        long now = ticker.nanoTime();
        Pending<I, O> pending = new Pending<>(input, rows, now, now + timeout.toNanos(), new CompletableFuture<>());
        if (!queue.offer(pending)) {
            listener.rejected();
            return failed(new KeelException(ErrorCode.RATE_LIMITED, "endpoint " + name + " is at capacity: "
                    + policy.queueCapacity() + " requests queued"));
        }
        if (closed && queue.remove(pending)) {
            // Closed between the check and the offer: the workers may already have exited.
            return failed(notReady());
        }
        queued(rows);
        return pending.future();
    }

    /** Requests waiting to be computed. */
    public int queueDepth() {
        return queue.size();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Stops intake, computes everything already queued, then waits for the workers to finish. */
    @Override
    public void close() {
        closed = true;
        boolean interrupted = false;
        for (Thread worker : workers) {
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        // A request that slipped in after the workers exited still gets an answer.
        for (Pending<I, O> left; (left = queue.poll()) != null; ) {
            left.future().completeExceptionally(notReady());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Blocks for the first request, then gathers more until the batch is full or the first request has
     * waited {@code maxQueueDelay}. Returns null when the batcher is closed and the queue is empty.
     */
    private List<Pending<I, O>> nextBatch() {
        List<Pending<I, O>> batch = new ArrayList<>();
        Pending<I, O> first;
        try {
            // A bounded wait rather than take(): close() never interrupts a worker, which could be inside
            // the model, so an idle worker notices the close within IDLE_CHECK.
            first = closed ? queue.poll() : queue.poll(IDLE_CHECK_NANOS, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            first = queue.poll();
        }
        if (first == null) {
            return closed ? null : batch;
        }
        queuedRows.addAndGet(-first.rows());
        batch.add(first);
        int rows = first.rows();
        long waitUntil = first.enqueuedNanos() + policy.maxQueueDelay().toNanos();
        while (rows < policy.maxBatchSize()) {
            Pending<I, O> head = queue.peek();
            if (head != null && rows + head.rows() > policy.maxBatchSize()) {
                break; // the next request does not fit: leave it for the next batch
            }
            Pending<I, O> next = queue.poll();
            if (next == null) {
                long remaining = waitUntil - ticker.nanoTime();
                if (remaining <= 0 || closed || Thread.currentThread().isInterrupted()) {
                    break;
                }
                awaitRows(policy.maxBatchSize() - rows, Math.min(remaining, IDLE_CHECK_NANOS));
                continue; // look again: the batch may be full, or the delay over
            }
            queuedRows.addAndGet(-next.rows());
            if (rows + next.rows() > policy.maxBatchSize()) {
                // Rare: another worker took the head we peeked and this one does not fit; back to the queue.
                runLater(next);
                break;
            }
            batch.add(next);
            rows += next.rows();
        }
        return batch;
    }

    private void runLater(Pending<I, O> pending) {
        if (!queue.offer(pending)) {
            pending.future().completeExceptionally(new KeelException(ErrorCode.RATE_LIMITED,
                    "endpoint " + name + " is at capacity"));
            return;
        }
        queued(pending.rows());
    }

    /** After a request of {@code rows} is queued: wakes the gathering worker if the queue now fills its batch. */
    private void queued(int rows) {
        int now = queuedRows.addAndGet(rows);
        Thread waiting = gatherer.get();
        if (waiting != null && now >= gathererWants) {
            LockSupport.unpark(waiting);
        }
    }

    /**
     * Parks the calling worker for at most {@code nanos}, or until {@code wanted} rows are queued. Registering
     * before checking the count means a submitter that queues the last row either sees this worker registered
     * (and unparks it; a permit given before the park makes the park return at once) or was counted already.
     */
    private void awaitRows(int wanted, long nanos) {
        Thread self = Thread.currentThread();
        gathererWants = wanted;
        gatherer.set(self);
        try {
            if (queuedRows.get() < wanted && !closed) {
                LockSupport.parkNanos(this, nanos);
            }
        } finally {
            gatherer.compareAndSet(self, null);
        }
    }

    private List<O> run(List<I> inputs) throws Exception {
        return function.apply(inputs);
    }

    private KeelException notReady() {
        return new KeelException(ErrorCode.NOT_READY, "endpoint " + name + " is shutting down");
    }

    private static <O> CompletableFuture<O> failed(Throwable error) {
        return CompletableFuture.failedFuture(error);
    }
}
