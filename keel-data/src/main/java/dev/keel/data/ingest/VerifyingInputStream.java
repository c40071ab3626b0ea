package dev.keel.data.ingest;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.hash.Sha256;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Hashes what passes through and fails with {@code CORRUPT_BLOB} at the end unless hash and size match. */
final class VerifyingInputStream extends FilterInputStream {
    private final MessageDigest digest = Sha256.newDigest();
    private final String expectedSha256;
    private final long expectedSize;
    private long seen;
    private boolean verified;

    VerifyingInputStream(InputStream in, String expectedSha256, long expectedSize) {
        super(in);
        this.expectedSha256 = expectedSha256;
        this.expectedSize = expectedSize;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            digest.update(buffer, offset, n);
            seen += n;
        } else if (n < 0) {
            verify();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping would leave bytes unhashed; read them instead.
        byte[] sink = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int read = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void verify() {
        if (verified) {
            return;
        }
        verified = true;
        String actual = Sha256.hex(digest.digest());
        if (seen != expectedSize || !actual.equals(expectedSha256)) {
            throw new KeelException(ErrorCode.CORRUPT_BLOB, "file " + expectedSha256 + " reassembled to "
                    + seen + " bytes hashing to " + actual + " (expected: " + expectedSize + " bytes)");
        }
    }
}
