package dev.keel.server.dataset;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.Executor;

/**
 * Turns a writer (tar archive, JSON Lines records) into an input stream for a streamed response: the writer
 * runs on its own thread into a bounded pipe, so nothing is held whole. A writer failure surfaces as an
 * {@link IOException} at the reader's end instead of a silently short body.
 */
final class PipedBody extends PipedInputStream {
    interface Writer {
        void writeTo(OutputStream out) throws Exception;
    }

    private volatile Exception failure;

    private PipedBody() {
        super(1 << 16);
    }

    static PipedBody start(Executor executor, Writer writer) throws IOException {
        PipedBody body = new PipedBody();
        PipedOutputStream out = new PipedOutputStream(body);
        executor.execute(() -> {
            try (out) {
                writer.writeTo(out);
            } catch (Exception e) {
                body.failure = e;
                try {
                    out.close();
                } catch (IOException ignored) {
                    // the reader is gone: nothing to tell
                }
            }
        });
        return body;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0 && failure != null) {
            throw new IOException("stream failed: " + failure.getMessage(), failure);
        }
        return n;
    }

    @Override
    public synchronized int read() throws IOException {
        int b = super.read();
        if (b < 0 && failure != null) {
            throw new IOException("stream failed: " + failure.getMessage(), failure);
        }
        return b;
    }
}
