package dev.keel.store.blob;

import java.util.UUID;

/** Object keys under the configured prefix: {@code prefix/blobs/<sha256>} and {@code prefix/tmp/<uuid>}. */
record S3Keys(String base) {
    static S3Keys under(String prefix) {
        String trimmed = prefix.replaceAll("^/+|/+$", "");
        return new S3Keys(trimmed.isEmpty() ? "" : trimmed + "/");
    }

    String blob(String sha256) {
        return base + "blobs/" + sha256;
    }

    String newTemp() {
        return base + "tmp/" + UUID.randomUUID();
    }
}
