package dev.keel.data.format;

import dev.keel.data.record.Row;
import dev.keel.data.record.TableSchema;
import java.util.Iterator;
import java.util.List;

/**
 * The rows of one table, read one at a time from the underlying files; close it to release them. Rows come in
 * file order with consecutive indexes from 0 (skipped bad rows take no index).
 */
public interface TableCursor extends Iterator<Row>, AutoCloseable {
    TableSchema schema();

    /** Bad rows skipped so far (only with {@link FormatOptions#skipBadRows()}). */
    long skippedRows();

    /** The messages of the first few skipped rows, naming file, line and column. */
    List<String> skippedExamples();

    @Override
    void close();
}
