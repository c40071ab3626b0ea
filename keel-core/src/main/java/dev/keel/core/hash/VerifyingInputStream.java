package dev.keel.core.hash;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes what is read through it and throws {@code CORRUPT_BLOB} at the end unless the bytes hash to the
 * expected SHA-256 (and, when given, add up to the expected size), so a reader never silently accepts
 * damaged content: a blob on disk or in S3, or a file reassembled from chunks.
 */
public final class VerifyingInputStream extends FilterInputStream {
    private final MessageDigest digest = Sha256.newDigest();
    private final String expectedSha256;
    private final long expectedSize;
    private final String what;
    private long seen;
    private boolean verified;

    /**
     * @param expectedSize the size in bytes, or -1 when only the hash is known
     * @param what names the content in the error ({@code "blob … at /path"})
     */
    public VerifyingInputStream(InputStream in, String expectedSha256, long expectedSize, String what) {
        super(in);
        this.expectedSha256 = expectedSha256;
        this.expectedSize = expectedSize;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            verify();
        } else {
            digest.update((byte) b);
            seen++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            verify();
        } else {
            digest.update(buffer, offset, n);
            seen += n;
        }
        return n;
    }

    /** Skipped bytes still count towards the hash, so they are read rather than skipped. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 1), 64 * 1024)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
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

    @Override
    public synchronized void mark(int readLimit) {}

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void verify() {
        if (verified) {
            return;
        }
        verified = true;
        String actual = Sha256.hex(digest.digest());
        boolean sizeMatches = expectedSize < 0 || seen == expectedSize;
        if (!sizeMatches || !actual.equals(expectedSha256)) {
            throw new KeelException(ErrorCode.CORRUPT_BLOB, what + " is corrupt: its " + seen + " bytes hash to "
                    + actual + " (expected: " + (expectedSize < 0 ? "" : expectedSize + " bytes hashing to ")
                    + expectedSha256 + ")");
        }
    }
}
