package dev.keel.store.blob;

import dev.keel.core.hash.Sha256;

/** A stored blob: its SHA-256 and size in bytes. */
public record BlobRef(String sha256, long size) {
    public BlobRef {
        if (!Sha256.isValid(sha256)) {
            throw new IllegalArgumentException("sha256: " + sha256 + " (expected: 64 lower-case hex characters)");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size: " + size + " (expected: >= 0)");
        }
    }
}
