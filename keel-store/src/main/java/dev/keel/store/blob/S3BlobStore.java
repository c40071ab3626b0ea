package dev.keel.store.blob;

import static java.util.Objects.requireNonNull;

import dev.keel.core.config.S3Config;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.hash.VerifyingInputStream;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs in an S3-compatible bucket under {@code prefix/blobs/<sha256>}. Uploads land on a temporary key
 * first (see {@link S3Upload}) and are copied to their hash only once verified, so the bucket never holds
 * a blob whose bytes do not match its name.
 */
public final class S3BlobStore implements BlobStore {
    /** Each upload buffers one part in memory; past this a misconfiguration would exhaust the heap. */
    static final long MAX_PART_BYTES = 1L << 30;

    private final S3Client client;
    private final String bucket;
    private final S3Keys keys;
    private final int partBytes;
    private final S3Copy copier;

    public S3BlobStore(S3Config config, S3Client client) {
        this(config, client, S3Copy.MAX_SINGLE_COPY_BYTES);
    }

    /** {@code singleCopyLimit}: blobs above it are copied in parts (lowered by tests to exercise that path). */
    S3BlobStore(S3Config config, S3Client client, long singleCopyLimit) {
        requireNonNull(config, "config is null");
        if (config.multipartPartBytes() > MAX_PART_BYTES) {
            throw KeelException.invalid("blobs.s3.multipartPartBytes: " + config.multipartPartBytes()
                    + " (expected: <= " + MAX_PART_BYTES + ")");
        }
        this.client = requireNonNull(client, "client is null");
        this.bucket = config.bucket();
        this.keys = S3Keys.under(config.prefix());
        this.partBytes = (int) config.multipartPartBytes();
        this.copier = new S3Copy(client, bucket, singleCopyLimit, config.multipartPartBytes());
    }

    /** Connects with the SDK client the configuration describes; the store owns and closes it. */
    public static S3BlobStore open(S3Config config) {
        return new S3BlobStore(config, S3Clients.create(config));
    }

    @Override
    public BlobRef put(InputStream content, Optional<String> expectedSha256, long expectedSize) {
        requireNonNull(content, "content is null");
        requireNonNull(expectedSha256, "expectedSha256 is null");
        BlobChecks.requirePutArguments(expectedSha256, expectedSize);
        String tempKey = keys.newTemp();
        try {
            BlobRef ref = call("upload to " + tempKey,
                    () -> new S3Upload(client, bucket, tempKey, partBytes).upload(content, expectedSha256, expectedSize));
            String blobKey = keys.blob(ref.sha256());
            if (!exists(ref.sha256())) {
                call("copy to " + blobKey, () -> {
                    copier.copy(tempKey, blobKey, ref.size());
                    return null;
                });
            }
            return ref;
        } finally {
            deleteQuietly(tempKey);
        }
    }

    @Override
    public InputStream open(String sha256) {
        String key = keys.blob(BlobChecks.requireHash(sha256));
        try {
            InputStream body = call("read " + key, () -> client.getObject(b -> b.bucket(bucket).key(key)));
            return new VerifyingInputStream(body, sha256, -1, "blob " + sha256 + " at s3://" + bucket + "/" + key);
        } catch (KeelException e) {
            throw isNotFound(e) ? KeelException.notFound("blob " + sha256) : e;
        }
    }

    @Override
    public boolean exists(String sha256) {
        try {
            size(sha256);
            return true;
        } catch (KeelException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public long size(String sha256) {
        String key = keys.blob(BlobChecks.requireHash(sha256));
        try {
            return call("stat " + key, () -> client.headObject(b -> b.bucket(bucket).key(key)).contentLength());
        } catch (KeelException e) {
            throw isNotFound(e) ? KeelException.notFound("blob " + sha256) : e;
        }
    }

    @Override
    public void delete(String sha256) {
        String key = keys.blob(BlobChecks.requireHash(sha256));
        call("delete " + key, () -> client.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    /** Writes and deletes a tiny probe object: proves credentials, bucket and write permission at once. */
    @Override
    public void checkHealth() {
        String probe = keys.newTemp();
        call("write probe " + probe, () -> client.putObject(b -> b.bucket(bucket).key(probe), RequestBody.empty()));
        deleteQuietly(probe);
    }

    @Override
    public void close() {
        client.close();
    }

    private void deleteQuietly(String key) {
        try {
            client.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            // An orphaned tmp/ object wastes space but never shadows a blob; a lifecycle rule on tmp/ cleans it.
        }
    }

    private <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (SdkException e) {
            throw new KeelException(ErrorCode.STORE_UNAVAILABLE,
                    "S3 " + what + " in bucket " + bucket + " failed: " + e.getMessage(), e);
        }
    }

    private static boolean isNotFound(KeelException e) {
        return e.getCause() instanceof NoSuchKeyException
                || (e.getCause() instanceof S3Exception s3 && s3.statusCode() == 404);
    }
}
