package dev.keel.train.job;

import dev.keel.core.config.BlobStoreConfig;
import dev.keel.store.blob.BlobStore;
import dev.keel.store.blob.BlobStores;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.testing.TestDatabases;
import dev.keel.train.model.ArchitectureRegistry;
import dev.keel.train.spec.TrainingSpecParser;
import dev.keel.train.tracking.NewRun;
import dev.keel.train.tracking.Run;
import dev.keel.train.tracking.TrackingService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/** A job repository and service over a fresh database of one kind, with hand-written credentials and datasets. */
final class JobFixture implements AutoCloseable {
    final MetadataStore store;
    final BlobStore blobs;
    final TrackingService tracking;
    final JobRepository jobs;
    final RecordingCredentials credentials = new RecordingCredentials();
    private final AtomicInteger ids = new AtomicInteger();

    JobFixture(String kind, Path dir) {
        store = TestDatabases.open(kind, dir);
        blobs = BlobStores.open(BlobStoreConfig.local(dir.resolve("blobs")));
        tracking = new TrackingService(store, blobs, Clock.systemUTC(), new Random(7));
        jobs = new JobRepository(store);
    }

    JobService service(Executor executor, int maxConcurrent) {
        DatasetResolver datasets = (project, reference) -> new DatasetResolver.ResolvedDataset(reference.name(), "1",
                "version-1", "c0ffee");
        return new JobService(jobs, executor, credentials, datasets, new TrainingSpecParser(ArchitectureRegistry.load()),
                tracking, Clock.systemUTC(), () -> "job-" + ids.incrementAndGet(), maxConcurrent);
    }

    /** A job row as a server would have stored it, in {@code state}, with a run to go with it. */
    Job insert(String id, JobState state, String workerHandle) {
        Run run = tracking.createRun(NewRun.of(TrackingService.DEFAULT_EXPERIMENT_ID, "run-" + id, "tester", null,
                Map.of()));
        Instant now = Instant.now();
        Job job = new Job(id, "default", state, "test", "name: x", "hash", "points", "1", "Default", run.id(), null,
                "tester", LocalProcessExecutor.NAME, workerHandle, workerHandle == null ? null : "token-" + id, 1, false,
                JobProgress.NONE, null, now, null, null, now);
        jobs.insert(job);
        return job;
    }

    @Override
    public void close() {
        blobs.close();
        store.close();
    }

    /** Issues numbered tokens and remembers which were revoked. */
    static final class RecordingCredentials implements JobCredentials {
        final List<String> revoked = new ArrayList<>();
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Credential issue(String jobId, int attempt) {
            return new Credential("token-" + next.incrementAndGet(), "secret");
        }

        @Override
        public synchronized void revoke(String tokenId) {
            revoked.add(tokenId);
        }
    }
}
