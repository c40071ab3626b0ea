package dev.keel.data.record;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The columns of one table, in record order; column names are unique. */
public record TableSchema(String table, List<Column> columns) {
    public TableSchema {
        requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
        Set<String> names = new HashSet<>();
        for (Column column : columns) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException("columns: duplicate name " + column.name() + " (expected: unique names)");
            }
        }
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }
}
