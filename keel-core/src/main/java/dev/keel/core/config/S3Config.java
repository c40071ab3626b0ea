package dev.keel.core.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * An S3-compatible bucket. {@code endpoint} is null for AWS itself; {@code pathStyle} is what MinIO,
 * S3Proxy and most self-hosted stores need. Blobs larger than {@code multipartPartBytes} are uploaded in
 * parts of that size.
 */
public record S3Config(
        URI endpoint,
        String region,
        String bucket,
        String prefix,
        boolean pathStyle,
        String accessKey,
        String secretKey,
        long multipartPartBytes) {
    public static final long MIN_PART_BYTES = 5L * 1024 * 1024;

    public S3Config {
        requireNonNull(region, "region is null");
        requireNonNull(bucket, "bucket is null");
        prefix = prefix == null ? "" : prefix;
        if (multipartPartBytes < MIN_PART_BYTES) {
            throw new IllegalArgumentException(
                    "blobs.s3.multipartPartBytes: " + multipartPartBytes + " (expected: >= " + MIN_PART_BYTES + ")");
        }
    }
}
