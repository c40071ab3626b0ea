package dev.keel.core.config;

import java.nio.file.Path;

/** Where blobs live: exactly one of a local folder or an S3 bucket. */
public record BlobStoreConfig(Path localRoot, S3Config s3) {
    public BlobStoreConfig {
        if ((localRoot == null) == (s3 == null)) {
            throw new IllegalArgumentException("blobs: expected exactly one of blobs.path or blobs.s3");
        }
    }

    public static BlobStoreConfig local(Path root) {
        return new BlobStoreConfig(root, null);
    }

    public static BlobStoreConfig s3(S3Config s3) {
        return new BlobStoreConfig(null, s3);
    }
}
