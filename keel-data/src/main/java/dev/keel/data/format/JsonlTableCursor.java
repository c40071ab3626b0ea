package dev.keel.data.format;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.data.DatasetFiles;
import dev.keel.data.record.Row;
import dev.keel.data.record.TableSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.Map;

/**
 * A JSON Lines table: one JSON object per line (blank lines skipped); its columns are the union of the keys,
 * in order of first appearance, a key absent from a line being a missing value. Types are inferred from JSON
 * types (integers and floats widen to float; nested objects and arrays become their JSON text). Errors name
 * the file and line, and the column for a value of the wrong type.
 */
final class JsonlTableCursor extends LookaheadTableCursor {
    private final ObjectMapper mapper;
    private final BufferedReader reader;
    private final TableSchema schema;
    private int line;
    private long index;

    JsonlTableCursor(DatasetFiles files, TableSource table, FormatOptions options, TableSchema knownSchema,
                     ObjectMapper mapper) {
        super(table.files().getFirst(), new BadRows(options.skipBadRows()));
        this.mapper = mapper;
        this.schema = knownSchema != null ? knownSchema : inferSchema(files, table, options, mapper);
        this.reader = TextFiles.open(files, path);
    }

    private static TableSchema inferSchema(DatasetFiles files, TableSource table, FormatOptions options,
                                           ObjectMapper mapper) {
        String path = table.files().getFirst();
        TypeInference inference = new TypeInference();
        try (BufferedReader reader = TextFiles.open(files, path)) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                JsonNode node = parseOrNull(text, mapper);
                if (node == null || !node.isObject()) {
                    continue; // blank or bad: the data pass reports bad lines
                }
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    inference.observe(field.getKey(), JsonValues.jsonType(field.getValue()));
                }
            }
        } catch (IOException e) {
            throw TextFiles.unreadable(path, e);
        }
        return new TableSchema(table.name(), inference.columns(options.columnTypes()));
    }

    private static JsonNode parseOrNull(String text, ObjectMapper mapper) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    @Override
    public TableSchema schema() {
        return schema;
    }

    @Override
    protected Row readRow() {
        while (true) {
            String text;
            try {
                text = reader.readLine();
            } catch (IOException e) {
                throw TextFiles.unreadable(path, e);
            }
            if (text == null) {
                return null;
            }
            line++;
            Row row = text.isBlank() ? null : toRow(text);
            if (row != null) {
                return row;
            }
        }
    }

    private Row toRow(String text) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JacksonException e) {
            badRows.report(path + " line " + line + ": invalid JSON: " + e.getOriginalMessage());
            return null;
        }
        if (!node.isObject()) {
            badRows.report(path + " line " + line + ": " + Values.quoted(text) + " (expected: a JSON object)");
            return null;
        }
        Map<String, Object> values = JsonValues.toValues(node, schema, path + " line " + line, badRows);
        if (values == null) {
            return null;
        }
        return new Row(index++, values);
    }

    @Override
    public void close() {
        Decompression.closeQuietly(reader);
    }
}
