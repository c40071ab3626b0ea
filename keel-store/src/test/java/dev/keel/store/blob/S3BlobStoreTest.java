package dev.keel.store.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.core.config.BlobStoreConfig;
import dev.keel.core.config.S3Config;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.hash.Sha256;
import dev.keel.store.testing.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class S3BlobStoreTest extends BlobStoreContractTest {
    private static final String PREFIX = "keel/";
    private static S3ProxyServer server;

    private S3Config config;
    private S3BlobStore store;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void open() {
        config = server.newBucketConfig(PREFIX, S3Config.MIN_PART_BYTES);
        store = S3BlobStore.open(config);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected List<String> leftovers() {
        List<String> left = new ArrayList<>();
        for (StorageMetadata object : server.backend()
                .list(config.bucket(), ListContainerOptions.Builder.recursive())) {
            if (!object.getName().startsWith(PREFIX + "blobs/")) {
                left.add(object.getName());
            }
        }
        left.addAll(server.backend().listMultipartUploads(config.bucket()).stream().map(u -> u.blobName()).toList());
        return left;
    }

    @Override
    protected void corrupt(String sha256, byte[] bytes) {
        org.jclouds.blobstore.BlobStore backend = server.backend();
        backend.putBlob(config.bucket(), backend.blobBuilder(PREFIX + "blobs/" + sha256).payload(bytes).build());
    }

    @Test
    void uploadsABlobLargerThanOnePartInParts() {
        byte[] content = randomBytes(11 * 1024 * 1024, 11);

        BlobRef ref = store.put(new ByteArrayInputStream(content), Optional.of(Sha256.of(content)), content.length);

        assertThat(ref.size()).isEqualTo(content.length);
        assertThat(readAll(store.open(ref.sha256()))).isEqualTo(content);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void copiesABlobAboveTheSingleCopyLimitInParts() {
        byte[] content = randomBytes(11 * 1024 * 1024, 14);
        try (S3BlobStore partCopying = new S3BlobStore(config, S3Clients.create(config), S3Config.MIN_PART_BYTES)) {
            BlobRef ref = partCopying.put(new ByteArrayInputStream(content), Optional.empty(), -1);

            assertThat(readAll(partCopying.open(ref.sha256()))).isEqualTo(content);
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void abortsAMultipartUploadWhoseHashDoesNotMatch() {
        byte[] content = randomBytes(11 * 1024 * 1024, 12);

        assertFailsWith(ErrorCode.HASH_MISMATCH, () -> store.put(
                new ByteArrayInputStream(content), Optional.of(Sha256.of(HELLO)), content.length));

        assertThat(store.exists(Sha256.of(content))).isFalse();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void storesContentOfExactlyOnePart() {
        byte[] content = randomBytes((int) S3Config.MIN_PART_BYTES, 13);

        BlobRef ref = store.put(new ByteArrayInputStream(content), Optional.empty(), -1);

        assertThat(readAll(store.open(ref.sha256()))).isEqualTo(content);
    }

    @Test
    void failsTheHealthCheckForAMissingBucket() {
        S3Config missing = new S3Config(config.endpoint(), config.region(), "no-such-bucket", PREFIX, true,
                config.accessKey(), config.secretKey(), config.multipartPartBytes());
        try (BlobStore broken = BlobStores.open(BlobStoreConfig.s3(missing))) {
            assertFailsWith(ErrorCode.STORE_UNAVAILABLE, broken::checkHealth);
        }
    }

    @Test
    void failsTheHealthCheckWithWrongCredentials() {
        S3Config wrong = new S3Config(config.endpoint(), config.region(), config.bucket(), PREFIX, true,
                config.accessKey(), "wrong-secret", config.multipartPartBytes());
        try (BlobStore broken = BlobStores.open(BlobStoreConfig.s3(wrong))) {
            assertFailsWith(ErrorCode.STORE_UNAVAILABLE, broken::checkHealth);
        }
    }
}
