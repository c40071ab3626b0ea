package dev.keel.store.blob;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.hash.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One upload to a temporary key. The name (the hash) is only known at the end, so the bytes go to
 * {@code tmp/<uuid>}: one PUT when they fit in one part buffer, else a multipart upload holding only one
 * part in memory at a time. Nothing becomes visible until the hash and size check out: a bad upload is
 * never completed (multipart uploads are aborted).
 */
final class S3Upload {
    /** S3 allows at most this many parts per upload. */
    static final int MAX_PARTS = 10_000;

    private final S3Client client;
    private final String bucket;
    private final String key;
    private final byte[] part;
    private final MessageDigest digest = Sha256.newDigest();
    private long count;

    S3Upload(S3Client client, String bucket, String key, int partBytes) {
        this.client = client;
        this.bucket = bucket;
        this.key = key;
        this.part = new byte[partBytes];
    }

    /** Uploads {@code content} to the temp key and returns what it hashed to; the caller deletes the key. */
    BlobRef upload(InputStream content, Optional<String> expectedSha256, long expectedSize) {
        int filled = fill(content, expectedSize);
        if (filled < part.length) {
            BlobRef ref = verified(expectedSha256, expectedSize);
            putSingle(filled);
            return ref;
        }
        String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            while (filled > 0) {
                parts.add(uploadPart(uploadId, parts.size() + 1, filled));
                filled = fill(content, expectedSize);
            }
            BlobRef ref = verified(expectedSha256, expectedSize);
            client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
            return ref;
        } catch (RuntimeException e) {
            abort(uploadId, e);
            throw e;
        }
    }

    private void putSingle(int length) {
        client.putObject(b -> b.bucket(bucket).key(key).contentLength((long) length),
                RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, length), length));
    }

    private CompletedPart uploadPart(String uploadId, int number, int length) {
        if (number > MAX_PARTS) {
            throw new KeelException(ErrorCode.PAYLOAD_TOO_LARGE, "blob size: more than " + MAX_PARTS + " parts of "
                    + part.length + " bytes (expected: at most " + (long) MAX_PARTS * part.length
                    + " bytes; raise blobs.s3.multipartPartBytes)");
        }
        String etag = client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                                .contentLength((long) length),
                        RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, length), length))
                .eTag();
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    /** Reads until the part buffer is full or the content ends; returns how many bytes it holds. */
    private int fill(InputStream content, long expectedSize) {
        int filled = 0;
        while (filled < part.length) {
            int n;
            try {
                n = content.read(part, filled, part.length - filled);
            } catch (IOException e) {
                throw BlobChecks.uploadFailed(e, count);
            }
            if (n < 0) {
                break;
            }
            digest.update(part, filled, n);
            filled += n;
            count += n;
            BlobChecks.checkNotOversized(count, expectedSize);
        }
        return filled;
    }

    private BlobRef verified(Optional<String> expectedSha256, long expectedSize) {
        String sha256 = Sha256.hex(digest.digest());
        BlobChecks.checkComplete(sha256, count, expectedSha256, expectedSize);
        return new BlobRef(sha256, count);
    }

    private void abort(String uploadId, RuntimeException cause) {
        try {
            client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            cause.addSuppressed(e); // the bucket's lifecycle rule for incomplete uploads cleans up
        }
    }
}
