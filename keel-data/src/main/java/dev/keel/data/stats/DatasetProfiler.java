package dev.keel.data.stats;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.Problems;
import dev.keel.data.DatasetFiles;
import dev.keel.data.format.DatasetLayout;
import dev.keel.data.format.Format;
import dev.keel.data.format.FormatOptions;
import dev.keel.data.format.LayoutDetector;
import dev.keel.data.format.TableCursor;
import dev.keel.data.format.TableReaders;
import dev.keel.data.format.TableSource;
import dev.keel.data.record.Column;
import dev.keel.data.record.ColumnType;
import dev.keel.data.record.Row;
import dev.keel.data.record.TableSchema;
import java.util.ArrayList;
import java.util.TreeSet;
import java.util.List;
import java.util.Set;

/**
 * Reads every table of a version once, streaming, and returns its schema and statistics. Called when a version
 * is committed; the bad data it meets is reported then ({@code MALFORMED_DATA}), not during training.
 */
public final class DatasetProfiler {
    private DatasetProfiler() {}

    /**
     * Profiles every table {@link LayoutDetector} finds. {@code INVALID_ARGUMENT} when {@code options} name a
     * column (type override or label column) that no table has; {@code MALFORMED_DATA} for bad data (unless
     * skipped, then counted per table).
     */
    public static DatasetProfile profile(DatasetFiles files, FormatOptions options) {
        requireNonNull(files, "files is null");
        requireNonNull(options, "options is null");
        DatasetLayout layout = LayoutDetector.detect(files, options);
        List<TableStatistics> tables = new ArrayList<>();
        for (TableSource table : layout.tables()) {
            tables.add(profileTable(files, table, options));
        }
        checkOptionsNameRealColumns(options, tables);
        return new DatasetProfile(tables, layout.ignoredFiles());
    }

    static TableStatistics profileTable(DatasetFiles files, TableSource table, FormatOptions options) {
        try (TableCursor cursor = TableReaders.open(files, table, options)) {
            TableSchema schema = cursor.schema();
            List<ColumnAccumulator> accumulators = schema.columns().stream().map(ColumnAccumulator::new).toList();
            String labelColumn = labelColumn(schema, options);
            LabelCounter labels = labelColumn == null ? null : new LabelCounter();
            long rows = 0;
            while (cursor.hasNext()) {
                Row row = cursor.next();
                rows++;
                for (int i = 0; i < accumulators.size(); i++) {
                    accumulators.get(i).add(row.get(schema.columns().get(i).name()));
                }
                if (labels != null) {
                    labels.add(row.get(labelColumn));
                }
            }
            return new TableStatistics(table.name(), table.format(), table.files().size(), rows, cursor.skippedRows(),
                    cursor.skippedExamples(), accumulators.stream().map(ColumnAccumulator::result).toList(),
                    labelColumn, labels == null ? null : labels.result());
        }
    }

    /** The caller's label column when this table has it, else a column named {@code label}, else none. */
    private static String labelColumn(TableSchema schema, FormatOptions options) {
        if (options.labelColumn() != null) {
            return schema.column(options.labelColumn()).map(Column::name).orElse(null);
        }
        return schema.column("label").filter(column -> column.type() != ColumnType.TENSOR)
                .map(Column::name).orElse(null);
    }

    private static void checkOptionsNameRealColumns(FormatOptions options, List<TableStatistics> tables) {
        Set<String> textColumns = new TreeSet<>();
        Set<String> allColumns = new TreeSet<>();
        for (TableStatistics table : tables) {
            for (ColumnStatistics column : table.columns()) {
                allColumns.add(column.name());
                if (table.format() == Format.CSV || table.format() == Format.JSONL || table.format() == Format.JSON) {
                    textColumns.add(column.name());
                }
            }
        }
        Problems problems = new Problems();
        options.columnTypes().keySet().forEach(column -> problems.require(textColumns.contains(column),
                "columnTypes." + column, "\"" + column + "\"", "a column of a CSV or JSON table " + textColumns));
        if (options.labelColumn() != null) {
            problems.require(allColumns.contains(options.labelColumn()), "labelColumn",
                    "\"" + options.labelColumn() + "\"", "a column of a table " + allColumns);
        }
        problems.throwIfAny("format options");
    }
}
