package dev.keel.train.data;

import dev.keel.data.record.RecordBatch;
import java.util.Iterator;

/** The records of one split, batch by batch, in a stable order; close it to release files or connections. */
public interface RecordStream extends Iterator<RecordBatch>, AutoCloseable {
    @Override
    void close();
}
