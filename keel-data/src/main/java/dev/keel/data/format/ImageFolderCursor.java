package dev.keel.data.format;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.DatasetFiles;
import dev.keel.data.record.Column;
import dev.keel.data.record.ColumnType;
import dev.keel.data.record.DType;
import dev.keel.data.record.Row;
import dev.keel.data.record.TableSchema;
import dev.keel.data.record.Tensor;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * An image-folder table: each {@code <root>/<class>/<file>} image is a row with {@code image} (uint8, H×W for
 * grayscale, H×W×3 for colour, H×W×4 with alpha) and {@code label} (the class folder's name). One image is
 * decoded at a time. An image that cannot be decoded is {@code MALFORMED_DATA} naming the file, or skipped.
 */
final class ImageFolderCursor implements TableCursor {
    private final DatasetFiles files;
    private final Iterator<String> paths;
    private final TableSchema schema;
    private final BadRows badRows;
    private Row pending;
    private long index;

    ImageFolderCursor(DatasetFiles files, TableSource table, FormatOptions options) {
        this.files = files;
        this.paths = table.files().iterator();
        this.badRows = new BadRows(options.skipBadRows());
        this.schema = new TableSchema(table.name(),
                List.of(new Column("image", ColumnType.TENSOR), new Column("label", ColumnType.STRING)));
    }

    @Override
    public TableSchema schema() {
        return schema;
    }

    @Override
    public boolean hasNext() {
        while (pending == null && paths.hasNext()) {
            String path = paths.next();
            Tensor image = decode(path);
            if (image != null) {
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("image", image);
                values.put("label", className(path));
                pending = new Row(index++, values);
            }
        }
        return pending != null;
    }

    private Tensor decode(String path) {
        BufferedImage image;
        // A memory-cached stream: ImageIO's default would spill to temporary files. ImageIO.read closes it.
        try (InputStream in = files.open(path)) {
            image = ImageIO.read(new MemoryCacheImageInputStream(in));
        } catch (IOException | RuntimeException e) {
            if (e instanceof KeelException keel && keel.code() != ErrorCode.MALFORMED_DATA) {
                throw keel;
            }
            badRows.report(path + ": cannot decode image: " + e.getMessage());
            return null;
        }
        if (image == null) {
            badRows.report(path + ": not a PNG or JPEG image (expected: an image ImageIO can decode)");
            return null;
        }
        return toTensor(image);
    }

    static Tensor toTensor(BufferedImage image) {
        int height = image.getHeight();
        int width = image.getWidth();
        boolean alpha = image.getColorModel().hasAlpha();
        boolean gray = !alpha && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        if (gray) {
            // Raw samples, not getRGB(): Java converts linear gray to sRGB there and would brighten every pixel.
            Raster raster = image.getRaster();
            int shift = Math.max(0, raster.getSampleModel().getSampleSize(0) - 8);
            byte[] data = new byte[height * width];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    data[y * width + x] = (byte) (raster.getSample(x, y, 0) >>> shift);
                }
            }
            return Tensor.wrap(DType.UINT8, new int[] {height, width}, data);
        }
        int channels = alpha ? 4 : 3;
        byte[] data = new byte[height * width * channels];
        int[] line = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, line, 0, width);
            for (int x = 0; x < width; x++) {
                int argb = line[x];
                int offset = (y * width + x) * channels;
                data[offset] = (byte) (argb >>> 16);
                data[offset + 1] = (byte) (argb >>> 8);
                data[offset + 2] = (byte) argb;
                if (alpha) {
                    data[offset + 3] = (byte) (argb >>> 24);
                }
            }
        }
        return Tensor.wrap(DType.UINT8, new int[] {height, width, channels}, data);
    }

    private static String className(String path) {
        String[] segments = path.split("/");
        return segments[segments.length - 2];
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more images in table " + schema.table());
        }
        Row row = pending;
        pending = null;
        return row;
    }

    @Override
    public long skippedRows() {
        return badRows.skipped();
    }

    @Override
    public List<String> skippedExamples() {
        return badRows.examples();
    }

    @Override
    public void close() {
        // Each image's stream is closed once decoded.
    }
}
