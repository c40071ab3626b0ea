package dev.keel.data.format;

import dev.keel.core.dataset.ManifestEntry;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.DatasetFiles;
import dev.keel.data.record.DType;
import dev.keel.data.record.Tensor;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * One IDX file (the MNIST format: {@code 00 00 <dtype> <ndims>}, big-endian int32 dimensions, then big-endian
 * elements), raw or gzip. Its first dimension counts records; each record is a tensor of the remaining
 * dimensions, or a scalar when there are none (label files). A raw file's length is checked against its header
 * before reading; a gzip file's as it is read. Either way a short or overlong file is {@code MALFORMED_DATA}.
 */
final class IdxFile implements AutoCloseable {
    private final String path;
    private final DataInputStream in;
    private final DType dtype;
    private final int[] recordShape;
    private final int count;
    private final int recordBytes;
    private int read;

    private IdxFile(String path, DataInputStream in, DType dtype, int[] recordShape, int count, int recordBytes) {
        this.path = path;
        this.in = in;
        this.dtype = dtype;
        this.recordShape = recordShape;
        this.count = count;
        this.recordBytes = recordBytes;
    }

    static IdxFile open(DatasetFiles files, String path) {
        boolean gzip = Decompression.isGzip(files, path);
        InputStream stream = Decompression.open(files, path);
        try {
            DataInputStream in = new DataInputStream(stream);
            int magic = in.readInt();
            if ((magic >>> 16) != 0) {
                throw malformed(path, String.format("not an IDX file: magic 0x%08x (expected: 0x0000 then dtype and"
                        + " number of dimensions)", magic));
            }
            DType dtype = DType.ofIdxCode((magic >>> 8) & 0xFF);
            if (dtype == null) {
                throw malformed(path, String.format("IDX dtype 0x%02x (expected: 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E)",
                        (magic >>> 8) & 0xFF));
            }
            int dimensions = magic & 0xFF;
            if (dimensions == 0) {
                throw malformed(path, "IDX dimensions: 0 (expected: >= 1)");
            }
            int[] shape = new int[dimensions];
            for (int i = 0; i < dimensions; i++) {
                shape[i] = in.readInt();
                if (shape[i] < 0) {
                    throw malformed(path, "IDX dimension " + i + ": " + shape[i] + " (expected: >= 0)");
                }
            }
            long recordBytes = Tensor.elementCount(Arrays.copyOfRange(shape, 1, dimensions)) * dtype.byteSize();
            if (recordBytes > Integer.MAX_VALUE) {
                throw malformed(path, "IDX record of " + recordBytes + " bytes (expected: < 2 GiB)");
            }
            if (!gzip) {
                long expected = 4L + 4L * dimensions + shape[0] * recordBytes;
                long actual = sizeOf(files, path);
                if (actual != expected) {
                    throw malformed(path, (actual < expected ? "truncated" : "trailing bytes") + ": header "
                            + Arrays.toString(shape) + " " + dtype.jsonName() + " needs " + expected
                            + " bytes, file has " + actual);
                }
            }
            return new IdxFile(path, in, dtype, Arrays.copyOfRange(shape, 1, dimensions), shape[0], (int) recordBytes);
        } catch (EOFException e) {
            Decompression.closeQuietly(stream);
            throw malformed(path, "truncated IDX header");
        } catch (IOException e) {
            Decompression.closeQuietly(stream);
            throw malformed(path, "cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            Decompression.closeQuietly(stream);
            throw e;
        }
    }

    String path() {
        return path;
    }

    DType dtype() {
        return dtype;
    }

    int count() {
        return count;
    }

    /** Shape of one record; empty for a file of scalars. */
    int[] recordShape() {
        return recordShape.clone();
    }

    boolean hasNext() {
        return read < count;
    }

    /** The next record: a {@link Tensor}, or for scalar records a {@code Long} (integer dtypes) or {@code Double}. */
    Object next() {
        byte[] bigEndian = new byte[recordBytes];
        try {
            in.readFully(bigEndian);
            read++;
            if (read == count && in.read() != -1) {
                throw malformed(path, "trailing bytes after the " + count + " records its header declares");
            }
        } catch (EOFException e) {
            throw malformed(path, "truncated: header declares " + count + " records, data ends in record " + read);
        } catch (IOException e) {
            throw malformed(path, "cannot read record " + read + ": " + e.getMessage());
        }
        Tensor tensor = Tensor.wrap(dtype, recordShape.clone(), toLittleEndian(bigEndian));
        if (recordShape.length > 0) {
            return tensor;
        }
        return dtype.isInteger() ? (Object) (long) tensor.getDouble(0) : (Object) tensor.getDouble(0);
    }

    private byte[] toLittleEndian(byte[] bytes) {
        int size = dtype.byteSize();
        for (int start = 0; size > 1 && start < bytes.length; start += size) {
            for (int low = start, high = start + size - 1; low < high; low++, high--) {
                byte swap = bytes[low];
                bytes[low] = bytes[high];
                bytes[high] = swap;
            }
        }
        return bytes;
    }

    @Override
    public void close() {
        Decompression.closeQuietly(in);
    }

    private static long sizeOf(DatasetFiles files, String path) {
        return files.files().stream().filter(entry -> entry.path().equals(path)).mapToLong(ManifestEntry::size)
                .findFirst().orElseThrow(() -> KeelException.notFound("file " + path));
    }

    static KeelException malformed(String path, String problem) {
        return new KeelException(ErrorCode.MALFORMED_DATA, path + ": " + problem);
    }
}
