package dev.keel.store.blob;

import java.io.InputStream;
import java.util.Optional;

/**
 * Content-addressed storage: a blob's name is the SHA-256 of its bytes. Writes are all-or-nothing (a
 * crash mid-write never leaves a blob under its hash) and reads verify the hash, failing with
 * {@code CORRUPT_BLOB} rather than returning bad bytes.
 */
public interface BlobStore extends AutoCloseable {
    /**
     * Streams {@code content} into the store without buffering it whole.
     *
     * @param expectedSha256 when present, the write fails with {@code HASH_MISMATCH} (and stores nothing)
     *     unless the content hashes to it
     * @param expectedSize when not negative, the write fails with {@code TRUNCATED_UPLOAD} (and stores
     *     nothing) unless exactly that many bytes arrive
     */
    BlobRef put(InputStream content, Optional<String> expectedSha256, long expectedSize);

    /** Opens a blob for reading; the stream throws {@code CORRUPT_BLOB} at its end if the bytes do not match. */
    InputStream open(String sha256);

    boolean exists(String sha256);

    /** Size in bytes, or {@code NOT_FOUND}. */
    long size(String sha256);

    /** Removes a blob; callers must know nothing references it. Missing blobs are ignored. */
    void delete(String sha256);

    /** Throws {@code STORE_UNAVAILABLE} when the store cannot be written to. */
    void checkHealth();

    @Override
    void close();
}
