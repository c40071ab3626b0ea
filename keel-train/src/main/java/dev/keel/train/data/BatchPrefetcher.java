package dev.keel.train.data;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.record.Row;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;

/**
 * Reads, shuffles and encodes batches on a background thread while the model trains on the previous ones.
 * A bounded queue of {@code depth} batches keeps memory flat; the order is exactly that of a single-threaded
 * read, so prefetching changes speed only. Errors of the reader surface on the consumer's next call.
 */
public final class BatchPrefetcher implements Iterator<EncodedBatch>, AutoCloseable {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean closed;
    private Object next;

    public BatchPrefetcher(Iterator<Row> rows, AutoCloseable source, ExampleEncoder encoder, int batchSize, int depth,
                           ThreadFactory threads) {
        this.queue = new ArrayBlockingQueue<>(depth);
        this.thread = threads.newThread(() -> produce(rows, source, encoder, batchSize));
        thread.start();
    }

    private void produce(Iterator<Row> rows, AutoCloseable source, ExampleEncoder encoder, int batchSize) {
        try (source) {
            List<Row> batch = new ArrayList<>(batchSize);
            while (!closed && rows.hasNext()) {
                batch.add(rows.next());
                if (batch.size() == batchSize) {
                    put(encoder.encode(batch));
                    batch = new ArrayList<>(batchSize);
                }
            }
            if (!batch.isEmpty() && !closed) {
                put(encoder.encode(batch));
            }
            put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            try {
                put(e);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void put(Object item) throws InterruptedException {
        if (!closed) {
            queue.put(item);
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KeelException(ErrorCode.INTERNAL, "interrupted while waiting for data", e);
            }
        }
        if (next instanceof KeelException failure) {
            throw failure;
        }
        if (next instanceof Exception failure) {
            throw new KeelException(ErrorCode.INTERNAL, "reading training data failed: " + failure.getMessage(), failure);
        }
        return next != END;
    }

    @Override
    public EncodedBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more batches");
        }
        EncodedBatch batch = (EncodedBatch) next;
        next = null;
        return batch;
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
