package dev.keel.data.format;

import static dev.keel.data.format.Fixtures.gzip;
import static dev.keel.data.format.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.record.ColumnType;
import dev.keel.data.record.Row;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableReaderTest {
    @TempDir
    Path dir;

    private final List<String> skipped = new ArrayList<>();
    private long skippedCount;

    private List<Row> read(String path, String text, FormatOptions options) {
        write(dir, path, text);
        FolderDatasetFiles files = new FolderDatasetFiles(dir);
        TableSource table = LayoutDetector.detect(files, options).tables().getFirst();
        List<Row> rows = new ArrayList<>();
        try (TableCursor cursor = TableReaders.open(files, table, options)) {
            cursor.forEachRemaining(rows::add);
            skippedCount = cursor.skippedRows();
            skipped.addAll(cursor.skippedExamples());
        }
        return rows;
    }

    private List<Row> read(String text) {
        return read("data.csv", text, FormatOptions.defaults());
    }

    private static FormatOptions types(Map<String, ColumnType> types) {
        return new FormatOptions(null, types, null, false, false);
    }

    @Test
    void infersIntegerFloatBooleanAndStringColumnsFromEveryValue() {
        write(dir, "data.csv", "id,score,ok,name\n1,2,true,a\n2,2.5,FALSE,b\n3,-1e3,true,7\n");
        FolderDatasetFiles files = new FolderDatasetFiles(dir);

        try (TableCursor cursor = TableReaders.open(files, new TableSource("data", Format.CSV, List.of("data.csv")),
                FormatOptions.defaults())) {
            assertThat(cursor.schema().columns()).extracting(column -> column.type())
                    .containsExactly(ColumnType.INTEGER, ColumnType.FLOAT, ColumnType.BOOLEAN, ColumnType.STRING);
            Row last = null;
            while (cursor.hasNext()) {
                last = cursor.next();
            }
            assertThat(last.values()).containsExactly(Map.entry("id", 3L), Map.entry("score", -1000.0),
                    Map.entry("ok", true), Map.entry("name", "7"));
        }
    }

    @Test
    void readsQuotedFieldsHoldingCommasLineBreaksAndDoubledQuotes() {
        List<Row> rows = read("name,quote\r\n\"Smith, J\",\"said \"\"hi\"\"\nthen left\"\r\n");

        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().get("name")).isEqualTo("Smith, J");
        assertThat(rows.getFirst().get("quote")).isEqualTo("said \"hi\"\nthen left");
    }

    @Test
    void emptyFieldIsAMissingValue() {
        List<Row> rows = read("a,b\n1,\n,x\n");

        assertThat(rows.get(0).get("b")).isNull();
        assertThat(rows.get(1).get("a")).isNull();
        assertThat(rows.get(0).get("a")).isEqualTo(1L);
    }

    @Test
    void callerColumnTypesReplaceInferredTypes() {
        List<Row> rows = read("data.csv", "zip,flag\n01234,1\n", types(Map.of("zip", ColumnType.STRING, "flag", ColumnType.FLOAT)));

        assertThat(rows.getFirst().values()).containsExactly(Map.entry("zip", "01234"), Map.entry("flag", 1.0));
    }

    @Test
    void rejectsUnparsableValueNamingFileLineAndColumn() {
        String text = "name,age\nann,31\nbob,40\nbea,abc\n";

        assertThatThrownBy(() -> read("people.csv", text, types(Map.of("age", ColumnType.INTEGER))))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA))
                .hasMessage("people.csv line 4, column \"age\": \"abc\" (expected: integer)");
    }

    @Test
    void rejectsRowWithWrongFieldCountNamingLine() {
        assertThatThrownBy(() -> read("a,b,c\n1,2,3\n4,5\n"))
                .hasMessage("data.csv line 3: 2 fields (expected: 3, as in the header)");
    }

    @Test
    void rejectsQuoteInsideUnquotedField() {
        assertThatThrownBy(() -> read("a,b\n1,2\n3,x\"y\n"))
                .hasMessage("data.csv line 3: quote inside an unquoted field (expected: the whole field quoted, inner"
                        + " quotes doubled)");
    }

    @Test
    void rejectsUnclosedQuote() {
        assertThatThrownBy(() -> read("a,b\n1,\"open\n2,3\n"))
                .hasMessage("data.csv line 2: quote opened on line 2 is never closed");
    }

    @Test
    void countsLinesInsideQuotedFieldsWhenNamingALaterLine() {
        String text = "a,b\n1,\"two\nlines\"\n2,x\n";

        assertThatThrownBy(() -> read("data.csv", text, types(Map.of("b", ColumnType.STRING, "a", ColumnType.BOOLEAN))))
                .hasMessage("data.csv line 2, column \"a\": \"1\" (expected: boolean)");
        assertThatThrownBy(() -> read("data.csv", "a,b\n1,\"two\nlines\"\n2,x,9\n", FormatOptions.defaults()))
                .hasMessage("data.csv line 4: 3 fields (expected: 2, as in the header)");
    }

    @Test
    void skipBadRowsCountsEachSkippedRowAndKeepsGoing() {
        String text = "a,b\n1,2\n3\n4,x\"\n5,6\n7,8,9\n";

        List<Row> rows = read("data.csv", text, FormatOptions.defaults().withSkipBadRows(true));

        assertThat(rows).extracting(row -> row.get("a")).containsExactly(1L, 5L);
        assertThat(rows).extracting(Row::index).containsExactly(0L, 1L);
        assertThat(skippedCount).isEqualTo(3);
        assertThat(skipped).containsExactly(
                "data.csv line 3: 1 fields (expected: 2, as in the header)",
                "data.csv line 4: quote inside an unquoted field (expected: the whole field quoted, inner quotes doubled)",
                "data.csv line 6: 3 fields (expected: 2, as in the header)");
    }

    @Test
    void readsGzippedCsvAndSkipsByteOrderMark() {
        byte[] text = "\uFEFFa,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        write(dir, "data.csv.gz", gzip(text));
        FolderDatasetFiles files = new FolderDatasetFiles(dir);

        try (TableCursor cursor = TableReaders.open(files, LayoutDetector.detect(files, FormatOptions.defaults()).table("data"),
                FormatOptions.defaults())) {
            assertThat(cursor.next().values()).containsExactly(Map.entry("a", 1L), Map.entry("b", 2L));
        }
    }

    @Test
    void rejectsHeaderNamingAColumnTwice() {
        assertThatThrownBy(() -> read("a,b,a\n1,2,3\n"))
                .hasMessage("data.csv line 1: column \"a\" appears twice in the header (expected: unique names)");
    }

    @Test
    void headerlessFileNamesColumnsByPositionAndReadsTheFirstRowAsData() {
        List<Row> rows = read("digits.csv", "0,5,13\n1,0,2\n", FormatOptions.defaults().withHeaderless(true));

        assertThat(rows).hasSize(2);
        assertThat(rows.getFirst().values()).containsExactly(Map.entry("column_1", 0L), Map.entry("column_2", 5L),
                Map.entry("column_3", 13L));
    }

    @Test
    void headerlessFileNamesTheLineOfAShortRow() {
        assertThatThrownBy(() -> read("digits.csv", "0,5,13\n1,0\n", FormatOptions.defaults().withHeaderless(true)))
                .hasMessage("digits.csv line 2: 2 fields (expected: 3, as in the header)");
    }

    @Test
    void rejectsEmptyFile() {
        assertThatThrownBy(() -> read(""))
                .hasMessage("data.csv: empty file (expected: a header row)");
    }
}
