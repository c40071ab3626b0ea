package dev.keel.store.blob;

import dev.keel.core.config.BlobStoreConfig;
import java.time.Clock;

/** Opens the blob store a configuration names. */
public final class BlobStores {
    private BlobStores() {}

    public static BlobStore open(BlobStoreConfig config) {
        return config.localRoot() != null
                ? new LocalBlobStore(config.localRoot(), Clock.systemUTC())
                : S3BlobStore.open(config.s3());
    }
}
