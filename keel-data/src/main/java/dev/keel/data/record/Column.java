package dev.keel.data.record;

import static java.util.Objects.requireNonNull;

/** A column of a table: its name and type. */
public record Column(String name, ColumnType type) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
