package dev.keel.data.wellknown;

import static java.util.Objects.requireNonNull;

import dev.keel.core.hash.Sha256;

/**
 * One genuine file of a well-known dataset.
 *
 * @param name the file's name in its folder or archive (matched by name, wherever it lies)
 * @param sha256 SHA-256 of the genuine file, computed from the canonical packages
 * @param size size of the genuine file in bytes
 */
public record WellKnownFile(String name, String sha256, long size) {
    public WellKnownFile {
        requireNonNull(name, "name is null");
        if (!Sha256.isValid(sha256)) {
            throw new IllegalArgumentException("sha256: " + sha256 + " (expected: 64 lower-case hex characters)");
        }
    }
}
