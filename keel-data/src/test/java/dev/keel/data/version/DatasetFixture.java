package dev.keel.data.version;

import dev.keel.core.config.BlobStoreConfig;
import dev.keel.core.dataset.ManifestEntry;
import dev.keel.data.ingest.ChunkedFileStore;
import dev.keel.data.ingest.ChunkingParameters;
import dev.keel.store.blob.BlobRef;
import dev.keel.store.blob.BlobStore;
import dev.keel.store.blob.BlobStores;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A real metadata database of one kind, a real local blob store and a service over both. */
final class DatasetFixture implements AutoCloseable {
    final MetadataStore metadata;
    final BlobStore blobs;
    final ChunkedFileStore files;
    final DatasetService service;

    DatasetFixture(String kind, Path dir) {
        this(kind, dir, VersionProfiler.NONE);
    }

    DatasetFixture(String kind, Path dir, VersionProfiler profiler) {
        metadata = TestDatabases.open(kind, dir);
        blobs = BlobStores.open(BlobStoreConfig.local(dir.resolve("blobs")));
        files = new ChunkedFileStore(blobs, metadata, ChunkingParameters.defaults(), Clock.systemUTC());
        service = new DatasetService(metadata, files, profiler, Clock.systemUTC(), () -> UUID.randomUUID().toString());
    }

    /** Uploads content the way {@code POST /blobs} does (whole) and answers its manifest entry. */
    ManifestEntry upload(String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        BlobRef ref = blobs.put(new ByteArrayInputStream(bytes), Optional.empty(), bytes.length);
        return new ManifestEntry(path, ref.size(), ref.sha256());
    }

    CommitRequest commit(String parent, ManifestEntry... add) {
        return new CommitRequest(parent, "test commit", "tester", List.of(), List.of(add), List.of(), null, null);
    }

    @Override
    public void close() {
        blobs.close();
        metadata.close();
    }
}
