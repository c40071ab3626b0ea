package dev.keel.data.format;

import static dev.keel.data.format.Fixtures.grayPng;
import static dev.keel.data.format.Fixtures.png;
import static dev.keel.data.format.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.record.DType;
import dev.keel.data.record.Row;
import dev.keel.data.record.Tensor;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {
    @TempDir
    Path dir;

    private List<Row> read(FormatOptions options) {
        FolderDatasetFiles files = new FolderDatasetFiles(dir);
        List<Row> rows = new ArrayList<>();
        try (TableCursor cursor = TableReaders.open(files, LayoutDetector.detect(files, options).tables().getFirst(), options)) {
            cursor.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void readsGrayscaleImageAsHeightByWidthWithExactPixels() {
        write(dir, "digits/seven/a.png", grayPng(new int[][] {{0, 10, 20}, {255, 128, 1}}));

        Row row = read(FormatOptions.defaults()).getFirst();

        assertThat(row.get("image")).isEqualTo(Tensor.of(DType.UINT8, new int[] {2, 3},
                new byte[] {0, 10, 20, (byte) 255, (byte) 128, 1}));
        assertThat(row.get("label")).isEqualTo("seven");
    }

    @Test
    void readsColourImageAsHeightByWidthByThreeChannels() {
        write(dir, "pets/cat/a.png", png(2, 1, BufferedImage.TYPE_INT_RGB, 0x102030));

        Tensor image = (Tensor) read(FormatOptions.defaults()).getFirst().get("image");

        assertThat(image).isEqualTo(Tensor.of(DType.UINT8, new int[] {1, 2, 3}, new byte[] {0x10, 0x20, 0x30, 0x10, 0x20, 0x30}));
    }

    @Test
    void keepsAlphaAsAFourthChannel() {
        write(dir, "pets/cat/a.png", png(1, 1, BufferedImage.TYPE_INT_ARGB, 0x80102030));

        Tensor image = (Tensor) read(FormatOptions.defaults()).getFirst().get("image");

        assertThat(image.shape()).containsExactly(1, 1, 4);
        assertThat(image.getDouble(3)).isEqualTo(128.0);
    }

    @Test
    void labelsEachImageWithItsClassFolderInPathOrder() {
        write(dir, "pets/dog/b.png", png(1, 1, BufferedImage.TYPE_INT_RGB, 0));
        write(dir, "pets/cat/a.png", png(1, 1, BufferedImage.TYPE_INT_RGB, 0));
        write(dir, "pets/cat/c.jpg", png(1, 1, BufferedImage.TYPE_INT_RGB, 0));

        assertThat(read(FormatOptions.defaults())).extracting(row -> row.get("label")).containsExactly("cat", "cat", "dog");
    }

    @Test
    void rejectsUndecodableImageNamingTheFile() {
        write(dir, "pets/cat/a.png", png(1, 1, BufferedImage.TYPE_INT_RGB, 0));
        write(dir, "pets/cat/broken.png", "this is not a png");

        assertThatThrownBy(() -> read(FormatOptions.defaults()))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA))
                .hasMessage("pets/cat/broken.png: not a PNG or JPEG image (expected: an image ImageIO can decode)");
    }

    @Test
    void skipsUndecodableImagesWhenAsked() {
        write(dir, "pets/cat/a.png", png(1, 1, BufferedImage.TYPE_INT_RGB, 0));
        write(dir, "pets/cat/broken.png", "this is not a png");

        assertThat(read(FormatOptions.defaults().withSkipBadRows(true))).hasSize(1);
    }
}
