package dev.keel.data.stats;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.keel.data.format.Format;
import dev.keel.data.record.Column;
import dev.keel.data.record.TableSchema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Schema and statistics of one table.
 *
 * @param rowCount        rows read (skipped bad rows excluded): the rows splits are computed over
 * @param skippedRows     bad rows skipped under {@code skipBadRows}
 * @param skippedExamples messages of the first few skipped rows, naming file, line and column
 * @param labelColumn     the column whose distribution {@code labelCounts} holds, or {@code null}
 * @param labelCounts     rows per label value, sorted by label (numerically for numeric labels); {@code null}
 *                        without a label column or above {@link #LABEL_LIMIT} distinct labels
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableStatistics(String name, Format format, int fileCount, long rowCount, long skippedRows,
                              List<String> skippedExamples, List<ColumnStatistics> columns, String labelColumn,
                              Map<String, Long> labelCounts) {
    /** Labels beyond this many distinct values are not a classification target worth a histogram. */
    public static final int LABEL_LIMIT = 10_000;

    public TableStatistics {
        requireNonNull(name, "name is null");
        requireNonNull(format, "format is null");
        skippedExamples = skippedExamples == null ? List.of() : List.copyOf(skippedExamples);
        columns = List.copyOf(columns);
        labelCounts = labelCounts == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(labelCounts));
    }

    /** The column names and types, which readers take to skip type inference. */
    @JsonIgnore
    public TableSchema schema() {
        return new TableSchema(name, columns.stream().map(column -> new Column(column.name(), column.type())).toList());
    }
}
