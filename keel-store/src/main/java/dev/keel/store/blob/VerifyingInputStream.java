package dev.keel.store.blob;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.hash.Sha256;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes a blob as it is read and throws {@code CORRUPT_BLOB} at the end if the bytes are not the ones
 * the blob is named after, so a reader never silently accepts damaged data.
 */
final class VerifyingInputStream extends FilterInputStream {
    private final String expectedSha256;
    private final String where;
    private final MessageDigest digest = Sha256.newDigest();
    private long count;
    private boolean verified;

    VerifyingInputStream(InputStream in, String expectedSha256, String where) {
        super(in);
        this.expectedSha256 = expectedSha256;
        this.where = where;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            verify();
        } else {
            digest.update((byte) b);
            count++;
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
            count += n;
        }
        return n;
    }

    /** Skipped bytes still count towards the hash, so they are read rather than skipped. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 64 * 1024)];
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
        if (!actual.equals(expectedSha256)) {
            throw new KeelException(ErrorCode.CORRUPT_BLOB, "blob " + expectedSha256 + " at " + where
                    + " is corrupt: its " + count + " bytes hash to " + actual);
        }
    }
}
