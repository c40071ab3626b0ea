package dev.keel.data.format;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.DatasetFiles;
import dev.keel.data.format.CsvTokenizer.CsvSyntaxException;
import dev.keel.data.record.Column;
import dev.keel.data.record.Row;
import dev.keel.data.record.TableSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CSV table: a header row naming the columns (or, for {@link FormatOptions#headerless()} files, columns named
 * {@code column_1}, {@code column_2}, … by the first row's width), then one record per row. Without a known schema the file is
 * read twice: once to infer column types, once to yield rows. Errors name the file, the line the record starts
 * on and, for a bad value, the column: {@code data.csv line 17, column "age": "abc" (expected: integer)}.
 */
final class CsvTableCursor extends LookaheadTableCursor {
    private final BufferedReader reader;
    private final CsvTokenizer tokenizer;
    private final List<String> header;
    private final TableSchema schema;
    private List<String> firstRecord;
    private long index;

    CsvTableCursor(DatasetFiles files, TableSource table, FormatOptions options, TableSchema knownSchema) {
        super(table.files().getFirst(), new BadRows(options.skipBadRows()));
        TableSchema resolved = knownSchema != null ? knownSchema : inferSchema(files, table, options);
        this.reader = TextFiles.open(files, path);
        try {
            this.tokenizer = new CsvTokenizer(reader);
            Header read = readHeader(tokenizer, path, options.headerless());
            this.header = read.names();
            this.firstRecord = read.firstRecord();
            if (!header.equals(resolved.columnNames())) {
                throw new KeelException(ErrorCode.MALFORMED_DATA, path + " line 1: header " + header
                        + " (expected: " + resolved.columnNames() + ")");
            }
            this.schema = resolved;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static TableSchema inferSchema(DatasetFiles files, TableSource table, FormatOptions options) {
        String path = table.files().getFirst();
        try (BufferedReader reader = TextFiles.open(files, path)) {
            CsvTokenizer tokenizer = new CsvTokenizer(reader);
            Header read = readHeader(tokenizer, path, options.headerless());
            List<String> header = read.names();
            TypeInference inference = new TypeInference();
            header.forEach(inference::declare);
            List<String> first = read.firstRecord();
            while (true) {
                List<String> fields;
                try {
                    fields = first != null ? first : tokenizer.next();
                    first = null;
                } catch (CsvSyntaxException e) {
                    continue; // the data pass reports it, with or without skipping
                }
                if (fields == null) {
                    break;
                }
                if (fields.size() == header.size()) {
                    for (int i = 0; i < fields.size(); i++) {
                        inference.observe(header.get(i), Values.narrowestType(fields.get(i)));
                    }
                }
            }
            return new TableSchema(table.name(), inference.columns(options.columnTypes()));
        } catch (IOException | UncheckedIOException e) {
            throw TextFiles.unreadable(path, e instanceof UncheckedIOException unchecked ? unchecked.getCause()
                    : (IOException) e);
        }
    }

    /** The column names, and for a headerless file its first record, which is data. */
    private record Header(List<String> names, List<String> firstRecord) {}

    private static Header readHeader(CsvTokenizer tokenizer, String path, boolean headerless) {
        List<String> names;
        try {
            names = tokenizer.next();
        } catch (CsvSyntaxException e) {
            throw new KeelException(ErrorCode.MALFORMED_DATA, path + " line " + tokenizer.recordLine() + ": "
                    + e.getMessage());
        } catch (UncheckedIOException e) {
            throw TextFiles.unreadable(path, e.getCause());
        }
        if (names == null) {
            throw new KeelException(ErrorCode.MALFORMED_DATA, path + ": empty file (expected: "
                    + (headerless ? "a first row" : "a header row") + ")");
        }
        if (headerless) {
            List<String> generated = new ArrayList<>();
            for (int i = 1; i <= names.size(); i++) {
                generated.add("column_" + i);
            }
            return new Header(generated, names);
        }
        List<String> header = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            // pandas writes its index column with an empty name; give it one rather than refuse the file.
            String name = names.get(i).isBlank() ? "column_" + (i + 1) : names.get(i);
            if (!seen.add(name)) {
                throw new KeelException(ErrorCode.MALFORMED_DATA, path + " line " + tokenizer.recordLine()
                        + ": column \"" + name + "\" appears twice in the header (expected: unique names)");
            }
            header.add(name);
        }
        return new Header(header, null);
    }

    @Override
    public TableSchema schema() {
        return schema;
    }

    @Override
    protected Row readRow() {
        while (true) {
            List<String> fields;
            try {
                fields = firstRecord != null ? firstRecord : tokenizer.next();
                firstRecord = null;
            } catch (CsvSyntaxException e) {
                badRows.report(path + " line " + tokenizer.recordLine() + ": " + e.getMessage());
                continue;
            } catch (UncheckedIOException e) {
                throw TextFiles.unreadable(path, e.getCause());
            }
            if (fields == null) {
                return null;
            }
            Row row = toRow(fields);
            if (row != null) {
                return row;
            }
        }
    }

    private Row toRow(List<String> fields) {
        if (fields.size() != header.size()) {
            badRows.report(path + " line " + tokenizer.recordLine() + ": " + fields.size() + " fields (expected: "
                    + header.size() + ", as in the header)");
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            Column column = schema.columns().get(i);
            try {
                values.put(column.name(), Values.parse(fields.get(i), column.type()));
            } catch (IllegalArgumentException e) {
                badRows.report(path + " line " + tokenizer.recordLine() + ", column \"" + column.name() + "\": "
                        + Values.quoted(fields.get(i)) + " (expected: " + column.type().jsonName() + ")");
                return null;
            }
        }
        return new Row(index++, values);
    }

    @Override
    public void close() {
        Decompression.closeQuietly(reader);
    }
}
