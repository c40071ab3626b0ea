package dev.keel.data.format;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.DatasetFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Opens a (possibly gzipped) UTF-8 text file of a version, past any byte-order mark; bad UTF-8 is an error. */
final class TextFiles {
    private TextFiles() {}

    static BufferedReader open(DatasetFiles files, String path) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(Decompression.open(files, path),
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        try {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            return reader;
        } catch (IOException e) {
            Decompression.closeQuietly(reader);
            throw unreadable(path, e);
        }
    }

    static KeelException unreadable(String path, IOException e) {
        return new KeelException(ErrorCode.MALFORMED_DATA, path + ": cannot read as UTF-8 text: " + e.getMessage(), e);
    }
}
