package dev.keel.store.blob;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.hash.Sha256;
import java.util.Optional;

/** The argument and content checks every {@link BlobStore} applies the same way. */
final class BlobChecks {
    /** Read and write buffer: large enough for throughput, small enough to never matter for memory. */
    static final int BUFFER_BYTES = 128 * 1024;

    private BlobChecks() {}

    static String requireHash(String sha256) {
        if (!Sha256.isValid(sha256)) {
            throw KeelException.invalid("sha256: " + sha256 + " (expected: 64 lower-case hex characters)");
        }
        return sha256;
    }

    static void requirePutArguments(Optional<String> expectedSha256, long expectedSize) {
        expectedSha256.ifPresent(BlobChecks::requireHash);
        if (expectedSize < -1) {
            throw KeelException.invalid("expectedSize: " + expectedSize + " (expected: >= 0, or -1 for unknown)");
        }
    }

    /** Fails as soon as more bytes arrive than announced, rather than after storing all of them. */
    static void checkNotOversized(long count, long expectedSize) {
        if (expectedSize >= 0 && count > expectedSize) {
            throw new KeelException(ErrorCode.TRUNCATED_UPLOAD,
                    "upload size: more than " + expectedSize + " bytes (expected: exactly " + expectedSize + ")");
        }
    }

    static void checkComplete(String actualSha256, long count, Optional<String> expectedSha256, long expectedSize) {
        if (expectedSize >= 0 && count != expectedSize) {
            throw new KeelException(ErrorCode.TRUNCATED_UPLOAD,
                    "upload size: " + count + " bytes (expected: " + expectedSize + ")");
        }
        if (expectedSha256.isPresent() && !expectedSha256.get().equals(actualSha256)) {
            throw new KeelException(ErrorCode.HASH_MISMATCH,
                    "upload sha256: " + actualSha256 + " (expected: " + expectedSha256.get() + ")");
        }
    }

    static KeelException uploadFailed(Exception e, long count) {
        if (e.getCause() instanceof KeelException keel) {
            return keel;
        }
        return new KeelException(ErrorCode.TRUNCATED_UPLOAD,
                "upload stream failed after " + count + " bytes: " + e.getMessage(), e);
    }
}
