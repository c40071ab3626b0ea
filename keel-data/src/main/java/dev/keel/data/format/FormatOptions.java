package dev.keel.data.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.keel.core.error.Problems;
import dev.keel.data.record.ColumnType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to read a dataset version, chosen by the caller and stored with the version (JSON, e.g.
 * {@code {"format": "csv", "columnTypes": {"age": "integer"}, "labelColumn": "species", "skipBadRows": true}};
 * every field may be left out).
 *
 * @param format      {@code null} (detect each file's format from its name) or a format every data file is read
 *                    as, whatever its name; documentation files (README*, LICENSE*, NOTICE*, COPYING*, *.md) are
 *                    still ignored
 * @param columnTypes column types that replace the inferred ones in CSV and JSON (Lines) tables (a column of that
 *                    name in any table); never {@code tensor}
 * @param labelColumn the column whose value distribution the statistics count; {@code null} means a column
 *                    named {@code label}, if any (IDX label files and image class folders are named so)
 * @param skipBadRows skip malformed rows and count them instead of failing on the first
 * @param headerless  CSV files have no header row: every row is data, columns are {@code column_1}, {@code column_2},
 *                    … (e.g. scikit-learn's {@code digits.csv.gz}); written to JSON only when true
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FormatOptions(Format format, Map<String, ColumnType> columnTypes, String labelColumn, boolean skipBadRows,
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean headerless) {
    public FormatOptions {
        Problems problems = new Problems();
        // LinkedHashMap rather than Map.copyOf: keeps the caller's order for a stable JSON form.
        columnTypes = columnTypes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
        columnTypes.forEach((column, type) -> {
            problems.require(column != null && !column.isBlank(), "columnTypes", column, "a column name");
            problems.require(type != null && type != ColumnType.TENSOR, "columnTypes." + column,
                    type == null ? null : type.jsonName(),
                    "integer, float, boolean or string");
        });
        problems.require(labelColumn == null || !labelColumn.isBlank(), "labelColumn", "\"" + labelColumn + "\"",
                "a column name or null");
        problems.throwIfAny("format options");
    }

    public static FormatOptions defaults() {
        return new FormatOptions(null, Map.of(), null, false, false);
    }

    public FormatOptions withSkipBadRows(boolean skip) {
        return new FormatOptions(format, columnTypes, labelColumn, skip, headerless);
    }

    public FormatOptions withHeaderless(boolean noHeader) {
        return new FormatOptions(format, columnTypes, labelColumn, skipBadRows, noHeader);
    }
}
