package dev.keel.train.tracking;

import dev.keel.core.config.BlobStoreConfig;
import dev.keel.store.blob.BlobStore;
import dev.keel.store.blob.BlobStores;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

/** A TrackingService over a fresh database of one kind and a local blob folder, with a fixed clock. */
final class TrackingFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    final MetadataStore store;
    final BlobStore blobs;
    final TrackingService tracking;

    TrackingFixture(String kind, Path dir) {
        store = TestDatabases.open(kind, dir);
        blobs = BlobStores.open(BlobStoreConfig.local(dir.resolve("blobs")));
        tracking = new TrackingService(store, blobs, Clock.fixed(NOW, ZoneOffset.UTC), new Random(7));
    }

    Run run(Experiment experiment, String name) {
        return tracking.createRun(NewRun.of(experiment.id(), name, "tester", null, java.util.Map.of()));
    }

    @Override
    public void close() {
        blobs.close();
        store.close();
    }
}
