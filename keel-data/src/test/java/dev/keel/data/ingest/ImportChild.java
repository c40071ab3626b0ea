package dev.keel.data.ingest;

import dev.keel.core.config.BlobStoreConfig;
import dev.keel.core.config.DatabaseConfig;
import dev.keel.data.version.DatasetService;
import dev.keel.data.version.ImportRequest;
import dev.keel.data.version.VersionProfiler;
import dev.keel.store.blob.BlobRef;
import dev.keel.store.blob.BlobStore;
import dev.keel.store.blob.BlobStores;
import dev.keel.store.metadata.MetadataStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A child JVM for {@link CrashDuringImportTest}: imports {@code small} as v1, prints {@code V1}, then imports
 * {@code large}, printing {@code PUT} after every blob it writes, until the parent kills it.
 * Arguments: database file, blob folder, small folder, large folder.
 */
public final class ImportChild {
    private ImportChild() {}

    public static void main(String[] args) {
        MetadataStore metadata = MetadataStore.open(DatabaseConfig.sqlite(Path.of(args[0])));
        BlobStore blobs = new AnnouncingBlobStore(BlobStores.open(BlobStoreConfig.local(Path.of(args[1]))));
        ChunkedFileStore files = new ChunkedFileStore(blobs, metadata, ChunkingParameters.defaults(), Clock.systemUTC());
        DatasetService service = new DatasetService(metadata, files, VersionProfiler.NONE, Clock.systemUTC(),
                () -> UUID.randomUUID().toString());
        service.createDataset(null, "crash", "");
        service.importPath(null, "crash", new ImportRequest(Path.of(args[2]), null, "small", "child", List.of(), null, null));
        System.out.println("V1");
        System.out.flush();
        service.importPath(null, "crash", new ImportRequest(Path.of(args[3]), null, "large", "child", List.of(), null, null));
        System.out.println("DONE");
    }

    /** Tells the parent how far the import got, so it can kill the child in the middle. */
    private record AnnouncingBlobStore(BlobStore delegate) implements BlobStore {
        @Override
        public BlobRef put(InputStream content, Optional<String> expectedSha256, long expectedSize) {
            BlobRef ref = delegate.put(content, expectedSha256, expectedSize);
            System.out.println("PUT");
            System.out.flush();
            return ref;
        }

        @Override
        public InputStream open(String sha256) {
            return delegate.open(sha256);
        }

        @Override
        public boolean exists(String sha256) {
            return delegate.exists(sha256);
        }

        @Override
        public long size(String sha256) {
            return delegate.size(sha256);
        }

        @Override
        public void delete(String sha256) {
            delegate.delete(sha256);
        }

        @Override
        public void checkHealth() {
            delegate.checkHealth();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
