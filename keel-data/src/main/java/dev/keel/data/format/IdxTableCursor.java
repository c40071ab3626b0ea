package dev.keel.data.format;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.DatasetFiles;
import dev.keel.data.record.Column;
import dev.keel.data.record.ColumnType;
import dev.keel.data.record.Row;
import dev.keel.data.record.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** An IDX table: one IDX file per column, the n-th record of each file together making row n. */
final class IdxTableCursor implements TableCursor {
    private final List<IdxFile> files;
    private final List<String> columns;
    private final TableSchema schema;
    private long index;

    IdxTableCursor(DatasetFiles dataset, TableSource table) {
        this.files = new ArrayList<>();
        this.columns = new ArrayList<>();
        List<Column> schemaColumns = new ArrayList<>();
        try {
            for (String path : table.files()) {
                IdxFile file = IdxFile.open(dataset, path);
                files.add(file);
                String column = uniqueColumn(LayoutDetector.idxColumn(path));
                columns.add(column);
                schemaColumns.add(new Column(column, file.recordShape().length > 0 ? ColumnType.TENSOR
                        : file.dtype().isInteger() ? ColumnType.INTEGER : ColumnType.FLOAT));
            }
            IdxFile first = files.getFirst();
            for (IdxFile file : files) {
                if (file.count() != first.count()) {
                    throw new KeelException(ErrorCode.MALFORMED_DATA, "table " + table.name() + ": " + first.path()
                            + " has " + first.count() + " records but " + file.path() + " has " + file.count()
                            + " (expected: the same number)");
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.schema = new TableSchema(table.name(), schemaColumns);
    }

    private String uniqueColumn(String column) {
        String unique = column;
        for (int suffix = 2; columns.contains(unique); suffix++) {
            unique = column + "_" + suffix;
        }
        return unique;
    }

    @Override
    public TableSchema schema() {
        return schema;
    }

    @Override
    public boolean hasNext() {
        return files.getFirst().hasNext();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows in table " + schema.table());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            values.put(columns.get(i), files.get(i).next());
        }
        return new Row(index++, values);
    }

    @Override
    public long skippedRows() {
        return 0;
    }

    @Override
    public List<String> skippedExamples() {
        return List.of();
    }

    @Override
    public void close() {
        files.forEach(IdxFile::close);
    }
}
