package dev.keel.data.stats;

import static dev.keel.data.format.Fixtures.grayPng;
import static dev.keel.data.format.Fixtures.idxImages;
import static dev.keel.data.format.Fixtures.idxLabels;
import static dev.keel.data.format.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.format.FolderDatasetFiles;
import dev.keel.data.format.Format;
import dev.keel.data.format.FormatOptions;
import dev.keel.data.record.ColumnType;
import dev.keel.data.record.DType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetProfilerTest {
    @TempDir
    Path dir;

    private DatasetProfile profile(FormatOptions options) {
        return DatasetProfiler.profile(new FolderDatasetFiles(dir), options);
    }

    private static ColumnStatistics column(TableStatistics table, String name) {
        return table.columns().stream().filter(column -> column.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void countsRowsAndComputesMinMaxMeanStdAndMissingOfNumericColumns() {
        write(dir, "iris.csv", "length,species\n1,a\n2,b\n,a\n3,a\n");

        TableStatistics table = profile(FormatOptions.defaults()).table("iris");

        assertThat(table.rowCount()).isEqualTo(4);
        ColumnStatistics length = column(table, "length");
        assertThat(length.type()).isEqualTo(ColumnType.INTEGER);
        assertThat(List.of(length.min(), length.max(), length.mean())).containsExactly(1.0, 3.0, 2.0);
        assertThat(length.std()).isCloseTo(Math.sqrt(2.0 / 3), within(1e-12));
        assertThat(length.missing()).isEqualTo(1);
    }

    @Test
    void countsDistinctStringsAndTrueBooleans() {
        write(dir, "t.csv", "name,ok\na,true\nb,false\na,true\n");

        TableStatistics table = profile(FormatOptions.defaults()).table("t");

        assertThat(column(table, "name").distinct()).isEqualTo(2);
        assertThat(column(table, "name").min()).isNull();
        assertThat(column(table, "ok").trueCount()).isEqualTo(2);
    }

    @Test
    void countsLabelsOfAColumnNamedLabelSortedNumerically() {
        write(dir, "t.csv", "x,label\n1,10\n2,9\n3,10\n");

        TableStatistics table = profile(FormatOptions.defaults()).table("t");

        assertThat(table.labelColumn()).isEqualTo("label");
        assertThat(table.labelCounts()).containsExactly(Map.entry("9", 1L), Map.entry("10", 2L));
    }

    @Test
    void countsTheCallersLabelColumn() {
        write(dir, "iris.csv", "length,species\n1,setosa\n2,virginica\n3,setosa\n");

        TableStatistics table = profile(new FormatOptions(null, Map.of(), "species", false, false)).table("iris");

        assertThat(table.labelCounts()).containsExactly(Map.entry("setosa", 2L), Map.entry("virginica", 1L));
    }

    @Test
    void profilesIdxImagesWithShapePixelStatisticsAndLabelDistribution() {
        write(dir, "train-images-idx3-ubyte", idxImages(3, 1, 2));
        write(dir, "train-labels-idx1-ubyte", idxLabels(1, 0, 1));

        TableStatistics table = profile(FormatOptions.defaults()).table("train");

        ColumnStatistics image = column(table, "image");
        assertThat(image.dtype()).isEqualTo(DType.UINT8);
        assertThat(image.shape()).containsExactly(1, 2);
        // pixels: (0,1), (1,2), (2,3)
        assertThat(List.of(image.min(), image.max(), image.mean())).containsExactly(0.0, 3.0, 1.5);
        assertThat(image.std()).isCloseTo(Math.sqrt((2.25 + 0.25 + 0.25 + 0.25 + 0.25 + 2.25) / 6), within(1e-12));
        assertThat(table.labelCounts()).containsExactly(Map.entry("0", 1L), Map.entry("1", 2L));
    }

    @Test
    void profilesImageFolderWithClassCountsAndVaryingShapes() {
        write(dir, "shapes/circle/a.png", grayPng(new int[][] {{0, 100}}));
        write(dir, "shapes/circle/b.png", grayPng(new int[][] {{200}, {100}}));
        write(dir, "shapes/square/c.png", grayPng(new int[][] {{50, 50}}));

        TableStatistics table = profile(FormatOptions.defaults()).table("shapes");

        assertThat(table.format()).isEqualTo(Format.IMAGE_FOLDER);
        assertThat(table.rowCount()).isEqualTo(3);
        assertThat(table.labelCounts()).containsExactly(Map.entry("circle", 2L), Map.entry("square", 1L));
        ColumnStatistics image = column(table, "image");
        assertThat(image.shape()).isNull();
        assertThat(image.mean()).isEqualTo(83.33333333333333, within(1e-9));
        assertThat(image.max()).isEqualTo(200.0);
    }

    @Test
    void reportsSkippedRowsPerTable() {
        write(dir, "t.csv", "a,b\n1,2\n3\n4,5\n");

        TableStatistics table = profile(FormatOptions.defaults().withSkipBadRows(true)).table("t");

        assertThat(table.rowCount()).isEqualTo(2);
        assertThat(table.skippedRows()).isEqualTo(1);
        assertThat(table.skippedExamples()).containsExactly("t.csv line 3: 1 fields (expected: 2, as in the header)");
    }

    @Test
    void failsOnBadDataWithoutSkipping() {
        write(dir, "t.csv", "a,b\n1,2\n3\n");

        assertThatThrownBy(() -> profile(FormatOptions.defaults()))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA));
    }

    @Test
    void rejectsOptionsNamingColumnsNoTableHas() {
        write(dir, "t.csv", "a,b\n1,2\n");
        FormatOptions options = new FormatOptions(null, Map.of("age", ColumnType.INTEGER), "species", false, false);

        assertThatThrownBy(() -> profile(options))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.details()).containsExactly(
                        "columnTypes.age: \"age\" (expected: a column of a CSV or JSON table [a, b])",
                        "labelColumn: \"species\" (expected: a column of a table [a, b])"))
                .satisfies(e -> assertThat(((KeelException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void listsFilesNoTableReads() {
        write(dir, "t.csv", "a\n1\n");
        write(dir, "README.md", "hello");

        assertThat(profile(FormatOptions.defaults()).ignoredFiles()).containsExactly("README.md");
    }
}
