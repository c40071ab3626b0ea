package dev.keel.data.stats;

import dev.keel.data.record.ColumnType;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A short plain-text rendering of a profile for {@code keel datasets show}, e.g.
 *
 * <pre>
 * table train (idx, 2 files): 60000 rows
 *   image  tensor uint8[28, 28]  min 0  max 255  mean 72.94  std 90.02
 *   label  integer  min 0  max 9  mean 4.5  std 2.872
 *   labels (label): 0=6000 1=6000 2=6000 …
 * </pre>
 */
public final class ProfileText {
    private static final int LABELS_SHOWN = 20;

    private ProfileText() {}

    public static String render(DatasetProfile profile) {
        StringBuilder text = new StringBuilder();
        for (TableStatistics table : profile.tables()) {
            text.append("table ").append(table.name()).append(" (").append(table.format().jsonName()).append(", ")
                    .append(table.fileCount()).append(table.fileCount() == 1 ? " file" : " files").append("): ")
                    .append(table.rowCount()).append(" rows");
            if (table.skippedRows() > 0) {
                text.append(", ").append(table.skippedRows()).append(" bad rows skipped");
            }
            text.append('\n');
            int width = table.columns().stream().mapToInt(column -> column.name().length()).max().orElse(0);
            for (ColumnStatistics column : table.columns()) {
                text.append("  ").append(String.format(Locale.ROOT, "%-" + width + "s", column.name())).append("  ")
                        .append(describe(column)).append('\n');
            }
            if (table.labelCounts() != null) {
                text.append("  labels (").append(table.labelColumn()).append("): ")
                        .append(table.labelCounts().entrySet().stream().limit(LABELS_SHOWN)
                                .map(entry -> entry.getKey() + "=" + entry.getValue())
                                .collect(Collectors.joining(" ")))
                        .append(table.labelCounts().size() > LABELS_SHOWN
                                ? " … (" + table.labelCounts().size() + " labels)" : "")
                        .append('\n');
            }
            table.skippedExamples().forEach(example -> text.append("  skipped: ").append(example).append('\n'));
        }
        if (!profile.ignoredFiles().isEmpty()) {
            text.append("ignored files: ").append(String.join(", ", profile.ignoredFiles())).append('\n');
        }
        return text.toString();
    }

    private static String describe(ColumnStatistics column) {
        StringBuilder text = new StringBuilder(column.type().jsonName());
        if (column.type() == ColumnType.TENSOR && column.dtype() != null) {
            text.append(' ').append(column.dtype().jsonName())
                    .append(column.shape() == null ? "[varying shapes]" : column.shape().toString());
        }
        if (column.min() != null) {
            text.append("  min ").append(number(column.min())).append("  max ").append(number(column.max()))
                    .append("  mean ").append(number(column.mean())).append("  std ").append(number(column.std()));
        }
        if (column.distinct() != null) {
            text.append("  distinct ").append(column.distinct());
        } else if (column.type() == ColumnType.STRING) {
            text.append("  distinct >").append(ColumnStatistics.DISTINCT_LIMIT);
        }
        if (column.trueCount() != null) {
            text.append("  true ").append(column.trueCount());
        }
        if (column.missing() > 0) {
            text.append("  missing ").append(column.missing());
        }
        return text.toString();
    }

    private static String number(Double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString(value.longValue());
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
