package dev.keel.data.format;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.data.DatasetFiles;
import dev.keel.data.record.TableSchema;

/** Opens a streaming cursor over the rows of one table, whatever its format. */
public final class TableReaders {
    // Only ever used to parse trees: configured once here, never changed, safe to share between threads.
    private static final ObjectMapper JSON = new ObjectMapper();

    private TableReaders() {}

    /** Opens a table, inferring CSV and JSON column types with an extra pass over the file. */
    public static TableCursor open(DatasetFiles files, TableSource table, FormatOptions options) {
        return open(files, table, options, null);
    }

    /**
     * Opens a table whose schema is already known (from the version's profile), which saves CSV and JSON
     * the inference pass; {@code knownSchema} may be {@code null}. IDX and image tables carry their own schema.
     */
    public static TableCursor open(DatasetFiles files, TableSource table, FormatOptions options, TableSchema knownSchema) {
        requireNonNull(files, "files is null");
        requireNonNull(table, "table is null");
        requireNonNull(options, "options is null");
        return switch (table.format()) {
            case IDX -> new IdxTableCursor(files, table);
            case CSV -> new CsvTableCursor(files, table, options, knownSchema);
            case JSONL -> new JsonlTableCursor(files, table, options, knownSchema, JSON);
            case JSON -> new JsonArrayTableCursor(files, table, options, knownSchema, JSON);
            case IMAGE_FOLDER -> new ImageFolderCursor(files, table, options);
        };
    }
}
