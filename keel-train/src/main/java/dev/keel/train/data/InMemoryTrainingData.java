package dev.keel.train.data;

import dev.keel.core.error.KeelException;
import dev.keel.data.record.RecordBatch;
import dev.keel.data.record.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows already in memory, by split name: small synthetic data for tests and examples. */
public final class InMemoryTrainingData implements TrainingData {
    private final Map<String, List<Row>> splits;

    public InMemoryTrainingData(Map<String, List<Row>> splits) {
        this.splits = new LinkedHashMap<>();
        splits.forEach((name, rows) -> this.splits.put(name, List.copyOf(rows)));
    }

    @Override
    public RecordStream open(String split, int batchSize) {
        List<Row> rows = rowsOf(split);
        return new RecordStream() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < rows.size();
            }

            @Override
            public RecordBatch next() {
                int end = Math.min(rows.size(), next + batchSize);
                RecordBatch batch = new RecordBatch("memory", split, rows.subList(next, end));
                next = end;
                return batch;
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public long rows(String split) {
        return rowsOf(split).size();
    }

    private List<Row> rowsOf(String split) {
        List<Row> rows = splits.get(split);
        if (rows == null) {
            throw KeelException.notFound("split \"" + split + "\"");
        }
        return rows;
    }
}
