package dev.keel.train.data;

import dev.keel.data.record.Row;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Shuffles a stream of rows within a window of {@code capacity} rows: fill the window, then each new row
 * replaces a random one that is emitted. Memory stays bounded by the window; with a window at least as large as
 * the split it is a full shuffle. The order is a function of the stream and the {@link Random} alone.
 */
public final class ShuffleBuffer implements Iterator<Row> {
    private final RecordStream source;
    private final Random random;
    private final int capacity;
    private final List<Row> window;
    private Iterator<Row> batch = List.<Row>of().iterator();

    public ShuffleBuffer(RecordStream source, int capacity, Random random) {
        this.source = source;
        this.capacity = capacity;
        this.random = random;
        this.window = new ArrayList<>(Math.min(capacity, 65_536));
    }

    @Override
    public boolean hasNext() {
        fill();
        return !window.isEmpty();
    }

    @Override
    public Row next() {
        fill();
        if (window.isEmpty()) {
            throw new NoSuchElementException("no more rows");
        }
        int pick = random.nextInt(window.size());
        Row row = window.get(pick);
        Row last = window.removeLast();
        if (pick < window.size()) {
            window.set(pick, last);
        }
        return row;
    }

    private void fill() {
        while (window.size() < capacity) {
            if (!batch.hasNext()) {
                if (!source.hasNext()) {
                    return;
                }
                batch = source.next().rows().iterator();
                continue;
            }
            window.add(batch.next());
        }
    }
}
