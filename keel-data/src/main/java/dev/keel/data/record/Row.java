package dev.keel.data.record;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record of a table: its 0-based row index in the table (the index splits are computed over) and its
 * values by column name, in schema order. A value is {@code null} when missing; see {@link ColumnType} for
 * the Java type of each column type.
 */
public record Row(long index, Map<String, Object> values) {
    public Row {
        if (index < 0) {
            throw new IllegalArgumentException("index: " + index + " (expected: >= 0)");
        }
        requireNonNull(values, "values is null");
        // Map.copyOf rejects nulls and loses order; missing values are nulls and order is the schema's.
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Object get(String column) {
        return values.get(column);
    }
}
