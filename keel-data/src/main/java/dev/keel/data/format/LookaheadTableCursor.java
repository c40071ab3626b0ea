package dev.keel.data.format;

import dev.keel.data.record.Row;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The iterator half every text-table cursor shares: one row read ahead, and the bad-row count. Subclasses
 * only say how to read the next good row.
 */
abstract class LookaheadTableCursor implements TableCursor {
    protected final String path;
    protected final BadRows badRows;
    private Row pending;
    private boolean ended;

    LookaheadTableCursor(String path, BadRows badRows) {
        this.path = path;
        this.badRows = badRows;
    }

    /** The next good row (bad ones reported to {@link #badRows} and passed over), or null at the end. */
    protected abstract Row readRow();

    @Override
    public final boolean hasNext() {
        if (pending == null && !ended) {
            pending = readRow();
            ended = pending == null;
        }
        return pending != null;
    }

    @Override
    public final Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows in " + path);
        }
        Row row = pending;
        pending = null;
        return row;
    }

    @Override
    public final long skippedRows() {
        return badRows.skipped();
    }

    @Override
    public final List<String> skippedExamples() {
        return badRows.examples();
    }
}
