package dev.keel.client.datasets;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** An output stream that hands each complete UTF-8 line (without its newline) to a consumer. */
final class LineSplitter extends OutputStream {
    private final Consumer<String> lines;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();

    LineSplitter(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            flushLine();
        } else {
            current.write(b);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                current.write(bytes, start, i - start);
                flushLine();
                start = i + 1;
            }
        }
        current.write(bytes, start, offset + length - start);
    }

    @Override
    public void close() {
        if (current.size() > 0) {
            flushLine();
        }
    }

    private void flushLine() {
        String line = current.toString(StandardCharsets.UTF_8);
        current.reset();
        if (!line.isBlank()) {
            lines.accept(line);
        }
    }
}
