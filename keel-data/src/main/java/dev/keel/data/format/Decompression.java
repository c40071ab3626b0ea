package dev.keel.data.format;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.DatasetFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Opens a file of a version, gunzipping it when its first bytes are the gzip magic (1f 8b), whatever its name. */
final class Decompression {
    private static final int BUFFER = 1 << 16;

    private Decompression() {}

    static InputStream open(DatasetFiles files, String path) {
        InputStream raw = new BufferedInputStream(files.open(path), BUFFER);
        try {
            raw.mark(2);
            int first = raw.read();
            int second = raw.read();
            raw.reset();
            if (first == 0x1f && second == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
            }
            return raw;
        } catch (IOException e) {
            closeQuietly(raw);
            throw new KeelException(ErrorCode.MALFORMED_DATA, path + ": cannot read: " + e.getMessage(), e);
        }
    }

    static boolean isGzip(DatasetFiles files, String path) {
        try (InputStream in = files.open(path)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            throw new KeelException(ErrorCode.MALFORMED_DATA, path + ": cannot read: " + e.getMessage(), e);
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing after a failure: the first failure is the one worth reporting.
        }
    }
}
