package dev.keel.data.stats;

import dev.keel.core.error.KeelException;
import java.util.List;
import java.util.Optional;

/**
 * Schema and statistics of every table of a dataset version, plus the files no table reads. Stored with the
 * version as JSON (Jackson, as is); {@code DatasetProfileJsonTest} pins the shape with a golden sample.
 */
public record DatasetProfile(List<TableStatistics> tables, List<String> ignoredFiles) {
    public DatasetProfile {
        tables = List.copyOf(tables);
        ignoredFiles = ignoredFiles == null ? List.of() : List.copyOf(ignoredFiles);
    }

    public Optional<TableStatistics> find(String name) {
        return tables.stream().filter(table -> table.name().equals(name)).findFirst();
    }

    public TableStatistics table(String name) {
        return find(name).orElseThrow(() -> KeelException.notFound("table \"" + name + "\" (tables: "
                + tables.stream().map(TableStatistics::name).toList() + ")"));
    }
}
