package dev.keel.data.format;

import static dev.keel.data.format.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.record.Column;
import dev.keel.data.record.ColumnType;
import dev.keel.data.record.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlTableReaderTest {
    @TempDir
    Path dir;

    private TableCursor open(String text, FormatOptions options) {
        write(dir, "reviews.jsonl", text);
        FolderDatasetFiles files = new FolderDatasetFiles(dir);
        return TableReaders.open(files, LayoutDetector.detect(files, options).table("reviews"), options);
    }

    private List<Row> read(String text, FormatOptions options) {
        List<Row> rows = new ArrayList<>();
        try (TableCursor cursor = open(text, options)) {
            cursor.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void columnsAreTheUnionOfKeysInOrderOfFirstAppearanceWithInferredTypes() {
        try (TableCursor cursor = open("{\"t\": \"good\", \"s\": 1}\n\n{\"s\": 2.5, \"extra\": true, \"tags\": [1]}\n",
                FormatOptions.defaults())) {
            assertThat(cursor.schema().columns()).containsExactly(new Column("t", ColumnType.STRING),
                    new Column("s", ColumnType.FLOAT), new Column("extra", ColumnType.BOOLEAN),
                    new Column("tags", ColumnType.STRING));
            Row first = cursor.next();
            Row second = cursor.next();
            Map<String, Object> expectedFirst = new HashMap<>();
            expectedFirst.put("t", "good");
            expectedFirst.put("s", 1.0);
            expectedFirst.put("extra", null);
            expectedFirst.put("tags", null);
            assertThat(first.values()).isEqualTo(expectedFirst);
            assertThat(second.get("tags")).isEqualTo("[1]");
            assertThat(cursor.hasNext()).isFalse();
        }
    }

    @Test
    void rejectsInvalidJsonNamingTheLine() {
        assertThatThrownBy(() -> read("{\"s\": 1}\n{\"s\": \n", FormatOptions.defaults()))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA))
                .hasMessageStartingWith("reviews.jsonl line 2: invalid JSON: ");
    }

    @Test
    void rejectsALineThatIsNotAnObject() {
        assertThatThrownBy(() -> read("{\"s\": 1}\n\n[1, 2]\n", FormatOptions.defaults()))
                .hasMessage("reviews.jsonl line 3: \"[1, 2]\" (expected: a JSON object)");
    }

    @Test
    void rejectsValueOfTheWrongTypeNamingLineAndColumn() {
        FormatOptions options = new FormatOptions(null, Map.of("s", ColumnType.INTEGER), null, false, false);

        assertThatThrownBy(() -> read("{\"s\": 1}\n{\"s\": \"many\"}\n", options))
                .hasMessage("reviews.jsonl line 2, column \"s\": \"\\\"many\\\"\" (expected: integer)");
    }

    @Test
    void skipBadRowsSkipsBadLinesAndCountsThem() {
        try (TableCursor cursor = open("{\"s\": 1}\nnot json\n{\"s\": 2}\n7\n",
                FormatOptions.defaults().withSkipBadRows(true))) {
            List<Row> rows = new ArrayList<>();
            cursor.forEachRemaining(rows::add);

            assertThat(rows).extracting(row -> row.get("s")).containsExactly(1L, 2L);
            assertThat(cursor.skippedRows()).isEqualTo(2);
            assertThat(cursor.skippedExamples()).hasSize(2).allMatch(message -> message.startsWith("reviews.jsonl line "));
        }
    }
}
