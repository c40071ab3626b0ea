package dev.keel.server.http;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with PAYLOAD_TOO_LARGE as soon as more than {@code limit} bytes have been read. */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        count += n;
        if (count > limit) {
            throw tooLarge(limit);
        }
    }

    static KeelException tooLarge(long limit) {
        return new KeelException(ErrorCode.PAYLOAD_TOO_LARGE,
                "upload too large (expected: at most " + limit + " bytes, server.maxUpload)");
    }
}
