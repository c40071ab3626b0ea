package dev.keel.core.dataset;

import static java.util.Objects.requireNonNull;

import dev.keel.core.hash.Sha256;

/** One file of a dataset version: its path inside the version, size in bytes and content hash. */
public record ManifestEntry(String path, long size, String sha256) {
    public ManifestEntry {
        requireNonNull(path, "path is null");
        if (size < 0) {
            throw new IllegalArgumentException("size: " + size + " (expected: >= 0)");
        }
        if (!Sha256.isValid(sha256)) {
            throw new IllegalArgumentException("sha256: " + sha256 + " (expected: 64 lower-case hex characters)");
        }
    }
}
