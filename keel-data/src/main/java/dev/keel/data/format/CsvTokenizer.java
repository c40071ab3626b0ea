package dev.keel.data.format;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 CSV text into records, streaming: fields separated by commas, records by CRLF, LF or CR,
 * fields optionally enclosed in double quotes (then holding commas, line breaks and doubled quotes). A quote
 * inside an unquoted field, text after a closing quote or an unclosed quote is a {@link CsvSyntaxException};
 * the tokenizer then resumes at the next line, so a caller that skips bad rows can go on. Blank lines are skipped.
 */
final class CsvTokenizer {
    private final Reader reader;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private int line = 1;
    private int recordLine;

    CsvTokenizer(Reader reader) {
        this.reader = reader;
    }

    /** The line the last record returned (or rejected) started on, counting from 1. */
    int recordLine() {
        return recordLine;
    }

    /** The next record's fields, or {@code null} at the end of the text. */
    List<String> next() throws CsvSyntaxException {
        int c = read();
        while (c == '\n' || c == '\r') {
            endLine(c);
            c = read();
        }
        if (c == -1) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            if (c == '"' && field.isEmpty()) {
                c = readQuoted(field);
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    if (c == '"') {
                        skipRestOfLine();
                        throw new CsvSyntaxException("quote inside an unquoted field (expected: the whole field quoted,"
                                + " inner quotes doubled)");
                    }
                    field.append((char) c);
                    c = read();
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (c != ',') {
                if (c != -1) {
                    endLine(c);
                }
                return fields;
            }
            c = read();
        }
    }

    /** Reads a quoted field after its opening quote; returns the character after the closing quote. */
    private int readQuoted(StringBuilder field) throws CsvSyntaxException {
        int opened = line;
        while (true) {
            int c = read();
            if (c == -1) {
                throw new CsvSyntaxException("quote opened on line " + opened + " is never closed");
            }
            if (c == '"') {
                int after = read();
                if (after != '"') {
                    if (after != ',' && after != '\n' && after != '\r' && after != -1) {
                        skipRestOfLine();
                        throw new CsvSyntaxException("text after a closing quote (expected: a comma or the end of"
                                + " the line)");
                    }
                    return after;
                }
                field.append('"');
            } else {
                if (c == '\n' || (c == '\r' && peek() != '\n')) {
                    line++;
                }
                field.append((char) c);
            }
        }
    }

    private void endLine(int c) {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private void skipRestOfLine() {
        int c = read();
        while (c != '\n' && c != '\r' && c != -1) {
            c = read();
        }
        if (c != -1) {
            endLine(c);
        }
    }

    private int peek() {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    private int read() {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++];
    }

    private boolean fill() {
        try {
            int count = reader.read(buffer);
            if (count <= 0) {
                return false;
            }
            position = 0;
            limit = count;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bad quoting in the record starting at {@link #recordLine()}. */
    static final class CsvSyntaxException extends Exception {
        CsvSyntaxException(String message) {
            super(message);
        }
    }
}
