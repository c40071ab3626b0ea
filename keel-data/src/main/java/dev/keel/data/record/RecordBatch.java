package dev.keel.data.record;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Consecutive rows of one split of one table, as streamed to a training worker. */
public record RecordBatch(String table, String split, List<Row> rows) {
    public RecordBatch {
        requireNonNull(table, "table is null");
        requireNonNull(split, "split is null");
        rows = List.copyOf(rows);
    }

    public int size() {
        return rows.size();
    }
}
