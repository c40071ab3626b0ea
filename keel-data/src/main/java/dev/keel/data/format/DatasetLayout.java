package dev.keel.data.format;

import dev.keel.core.error.KeelException;
import java.util.List;
import java.util.Optional;

/** The tables found in a dataset version, sorted by name, and the files that belong to none. */
public record DatasetLayout(List<TableSource> tables, List<String> ignoredFiles) {
    public DatasetLayout {
        tables = List.copyOf(tables);
        ignoredFiles = List.copyOf(ignoredFiles);
    }

    public Optional<TableSource> find(String name) {
        return tables.stream().filter(table -> table.name().equals(name)).findFirst();
    }

    /** The table of that name; {@code NOT_FOUND} naming the tables there are otherwise. */
    public TableSource table(String name) {
        return find(name).orElseThrow(() -> KeelException.notFound("table \"" + name + "\" (tables: "
                + tables.stream().map(TableSource::name).toList() + ")"));
    }
}
