package dev.keel.store.blob;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Server-side copy of a verified upload to its final key. A single CopyObject is limited to 5 GB, so
 * larger objects are copied range by range with UploadPartCopy; no bytes pass through Keel either way.
 */
final class S3Copy {
    /** The largest object (and part) one server-side copy request may handle. */
    static final long MAX_SINGLE_COPY_BYTES = 5L * 1024 * 1024 * 1024;

    private final S3Client client;
    private final String bucket;
    private final long singleCopyLimit;
    private final long partBytes;

    S3Copy(S3Client client, String bucket, long singleCopyLimit, long partBytes) {
        this.client = client;
        this.bucket = bucket;
        this.singleCopyLimit = singleCopyLimit;
        this.partBytes = partBytes;
    }

    void copy(String sourceKey, String targetKey, long size) {
        if (size <= singleCopyLimit) {
            client.copyObject(b -> b.sourceBucket(bucket).sourceKey(sourceKey)
                    .destinationBucket(bucket).destinationKey(targetKey));
            return;
        }
        String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(targetKey)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            // Parts large enough that any blob fits in S3Upload.MAX_PARTS of them.
            long step = Math.max(partBytes, Math.ceilDiv(size, S3Upload.MAX_PARTS));
            for (long start = 0; start < size; start += step) {
                int number = parts.size() + 1;
                String range = "bytes=" + start + "-" + (Math.min(start + step, size) - 1);
                String etag = client.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(sourceKey)
                                .destinationBucket(bucket).destinationKey(targetKey)
                                .uploadId(uploadId).partNumber(number).copySourceRange(range))
                        .copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            client.completeMultipartUpload(b -> b.bucket(bucket).key(targetKey).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (RuntimeException e) {
            try {
                client.abortMultipartUpload(b -> b.bucket(bucket).key(targetKey).uploadId(uploadId));
            } catch (RuntimeException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }
}
