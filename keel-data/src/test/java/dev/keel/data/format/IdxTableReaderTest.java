package dev.keel.data.format;

import static dev.keel.data.format.Fixtures.gzip;
import static dev.keel.data.format.Fixtures.idxImages;
import static dev.keel.data.format.Fixtures.idxLabels;
import static dev.keel.data.format.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.record.ColumnType;
import dev.keel.data.record.DType;
import dev.keel.data.record.Row;
import dev.keel.data.record.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTableReaderTest {
    @TempDir
    Path dir;

    private List<Row> readTable(String name) {
        FolderDatasetFiles files = new FolderDatasetFiles(dir);
        TableSource table = LayoutDetector.detect(files, FormatOptions.defaults()).table(name);
        List<Row> rows = new ArrayList<>();
        try (TableCursor cursor = TableReaders.open(files, table, FormatOptions.defaults())) {
            cursor.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void readsRawImageAndLabelFilesAsRowsOfTensorAndScalar() {
        write(dir, "train-images-idx3-ubyte", idxImages(3, 2, 2));
        write(dir, "train-labels-idx1-ubyte", idxLabels(7, 8, 9));

        List<Row> rows = readTable("train");

        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).index()).isEqualTo(1);
        assertThat(rows.get(1).get("image")).isEqualTo(Tensor.of(DType.UINT8, new int[] {2, 2}, new byte[] {1, 2, 3, 4}));
        assertThat(rows.get(1).get("label")).isEqualTo(8L);
        assertThat(rows.get(1).values().keySet()).containsExactly("image", "label");
    }

    @Test
    void readsGzipDetectedByMagicBytesWhateverTheName() {
        write(dir, "train-images-idx3-ubyte", gzip(idxImages(3, 2, 2)));
        write(dir, "train-labels-idx1-ubyte.gz", idxLabels(7, 8, 9));

        List<Row> rows = readTable("train");

        assertThat(rows).extracting(row -> row.get("label")).containsExactly(7L, 8L, 9L);
        assertThat(((Tensor) rows.get(2).get("image")).getDouble(3)).isEqualTo(5.0);
    }

    @Test
    void gzipAndRawFilesGiveTheSameRows() {
        write(dir, "raw/train-images-idx3-ubyte", idxImages(4, 3, 3));
        write(dir, "raw/train-labels-idx1-ubyte", idxLabels(1, 2, 3, 4));
        write(dir, "zipped/train-images-idx3-ubyte.gz", gzip(idxImages(4, 3, 3)));
        write(dir, "zipped/train-labels-idx1-ubyte.gz", gzip(idxLabels(1, 2, 3, 4)));

        assertThat(readTable("zipped/train")).isEqualTo(readTable("raw/train"));
    }

    @Test
    void rejectsTruncatedRawFileNamingIt() {
        byte[] images = idxImages(3, 2, 2);
        write(dir, "train-images-idx3-ubyte", Arrays.copyOf(images, images.length - 1));
        write(dir, "train-labels-idx1-ubyte", idxLabels(7, 8, 9));

        assertThatThrownBy(() -> readTable("train"))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA))
                .hasMessage("train-images-idx3-ubyte: truncated: header [3, 2, 2] uint8 needs 28 bytes, file has 27");
    }

    @Test
    void rejectsTruncatedGzipFileNamingIt() {
        byte[] images = idxImages(3, 2, 2);
        write(dir, "train-images-idx3-ubyte.gz", gzip(Arrays.copyOf(images, images.length - 2)));
        write(dir, "train-labels-idx1-ubyte.gz", gzip(idxLabels(7, 8, 9)));

        assertThatThrownBy(() -> readTable("train"))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA))
                .hasMessage("train-images-idx3-ubyte.gz: truncated: header declares 3 records, data ends in record 2");
    }

    @Test
    void rejectsRawFileWithTrailingBytes() {
        byte[] labels = idxLabels(7, 8, 9);
        write(dir, "train-labels-idx1-ubyte", Arrays.copyOf(labels, labels.length + 1));

        assertThatThrownBy(() -> readTable("train"))
                .hasMessageStartingWith("train-labels-idx1-ubyte: trailing bytes: header [3] uint8 needs 11 bytes, file has 12");
    }

    @Test
    void rejectsImageAndLabelFilesOfDifferentLengths() {
        write(dir, "train-images-idx3-ubyte", idxImages(3, 2, 2));
        write(dir, "train-labels-idx1-ubyte", idxLabels(7, 8));

        assertThatThrownBy(() -> readTable("train"))
                .hasMessage("table train: train-images-idx3-ubyte has 3 records but train-labels-idx1-ubyte has 2"
                        + " (expected: the same number)");
    }

    @Test
    void rejectsUnknownDtypeCode() {
        byte[] labels = idxLabels(1);
        labels[2] = 0x0A;
        write(dir, "train-labels-idx1-ubyte", labels);

        assertThatThrownBy(() -> readTable("train"))
                .hasMessage("train-labels-idx1-ubyte: IDX dtype 0x0a (expected: 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E)");
    }

    @Test
    void readsBigEndianFloatAndShortFiles() throws IOException {
        ByteArrayOutputStream floats = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(floats)) {
            out.writeInt(0x00000D01);
            out.writeInt(2);
            out.writeFloat(1.5f);
            out.writeFloat(-2.25f);
        }
        ByteArrayOutputStream shorts = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(shorts)) {
            out.writeInt(0x00000B02);
            out.writeInt(2);
            out.writeInt(2);
            out.writeShort(-300);
            out.writeShort(1000);
            out.writeShort(7);
            out.writeShort(-1);
        }
        write(dir, "scores-idx1-ubyte", floats.toByteArray());
        write(dir, "pairs-idx2-ubyte", shorts.toByteArray());

        assertThat(readTable("scores-idx1-ubyte")).extracting(row -> row.get("value")).containsExactly(1.5, -2.25);
        Tensor second = (Tensor) readTable("pairs-idx2-ubyte").get(1).get("value");
        assertThat(second.dtype()).isEqualTo(DType.INT16);
        assertThat(List.of(second.getDouble(0), second.getDouble(1))).containsExactly(7.0, -1.0);
    }

    @Test
    void schemaTypesImagesAsTensorsAndLabelsAsIntegers() {
        write(dir, "t10k-images-idx3-ubyte", idxImages(1, 2, 2));
        write(dir, "t10k-labels-idx1-ubyte", idxLabels(3));
        FolderDatasetFiles files = new FolderDatasetFiles(dir);
        TableSource table = LayoutDetector.detect(files, FormatOptions.defaults()).table("test");

        try (TableCursor cursor = TableReaders.open(files, table, FormatOptions.defaults())) {
            assertThat(cursor.schema().columns()).extracting(column -> column.name() + ":" + column.type().jsonName())
                    .containsExactly("image:tensor", "label:integer");
            assertThat(cursor.schema().column("label").orElseThrow().type()).isEqualTo(ColumnType.INTEGER);
        }
    }
}
