package dev.keel.server.job;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.config.KeelConfig;
import dev.keel.data.ingest.ChunkedFileStore;
import dev.keel.data.ingest.ChunkingParameters;
import dev.keel.data.version.DatasetService;
import dev.keel.data.version.FormatsVersionProfiler;
import dev.keel.server.Main;
import dev.keel.server.auth.TokenService;
import dev.keel.server.http.ApiRoutes;
import dev.keel.store.blob.BlobStore;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.train.job.JobRepository;
import dev.keel.train.job.JobService;
import dev.keel.train.job.LocalProcessExecutor;
import dev.keel.train.model.ArchitectureRegistry;
import dev.keel.train.spec.TrainingSpecParser;
import dev.keel.train.study.StudyRepository;
import dev.keel.train.study.StudyService;
import dev.keel.train.tracking.TrackingService;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The job machinery of one server: the queue ({@link JobService}), workers as local child JVMs of this server's
 * own classpath ({@link LocalProcessExecutor} running {@code dev.keel.server.Main worker}), job-scoped tokens,
 * dataset pinning, and studies on top. {@code KeelServer} registers {@link #routes()} and calls {@link #start}
 * once it listens (workers need its URL) and {@link #close} when it stops.
 */
public final class JobSystem implements AutoCloseable {
    private final JobService jobs;
    private final StudyService studies;
    private final LocalProcessExecutor executor;
    private final ScheduledExecutorService scheduler;

    private JobSystem(JobService jobs, StudyService studies, LocalProcessExecutor executor,
            ScheduledExecutorService scheduler) {
        this.jobs = jobs;
        this.studies = studies;
        this.executor = executor;
        this.scheduler = scheduler;
    }

    public static JobSystem create(MetadataStore metadata, BlobStore blobs, TokenService tokens,
            TrackingService tracking, KeelConfig config, Clock clock) {
        requireNonNull(config, "config is null");
        ChunkedFileStore files = new ChunkedFileStore(blobs, metadata, ChunkingParameters.defaults(), clock);
        DatasetService datasets = new DatasetService(metadata, files, new FormatsVersionProfiler(new ObjectMapper()),
                clock, () -> UUID.randomUUID().toString());
        LocalProcessExecutor executor = new LocalProcessExecutor(new LocalProcessExecutor.Settings(
                LocalProcessExecutor.sameJvmCommand(Main.class.getName(), List.of("worker"),
                        config.jobs().workerMaxHeap().bytes()),
                config.jobs().workerEnvironment(), config.home().resolve("jobs")), clock);
        Supplier<String> ids = randomIds(new SecureRandom());
        TrainingSpecParser parser = new TrainingSpecParser(ArchitectureRegistry.load());
        JobService jobs = new JobService(new JobRepository(metadata), executor, new TokenJobCredentials(tokens),
                new DatasetServiceResolver(datasets), parser, tracking, clock, ids, config.jobs().maxConcurrent());
        StudyService studies = new StudyService(new StudyRepository(metadata), jobs, tracking, parser, clock, ids);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "keel-jobs");
            thread.setDaemon(true);
            return thread;
        });
        return new JobSystem(jobs, studies, executor, scheduler);
    }

    /** 16 hex digits: short enough to type in {@code keel jobs show ID}. */
    static Supplier<String> randomIds(SecureRandom random) {
        return () -> {
            byte[] bytes = new byte[8];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        };
    }

    public List<ApiRoutes> routes() {
        return List.of(new JobApi(jobs), new StudyApi(studies));
    }

    /** Recovers jobs of an earlier server process and starts the queue; {@code apiUrl} is where workers call. */
    public void start(URI apiUrl) {
        jobs.start(apiUrl, scheduler);
        studies.start(scheduler);
    }

    public JobService jobs() {
        return jobs;
    }

    public StudyService studies() {
        return studies;
    }

    public LocalProcessExecutor executor() {
        return executor;
    }

    /** Stops the queue; running workers are left running, and the next server start re-attaches to them. */
    @Override
    public void close() {
        studies.close();
        jobs.close();
        scheduler.shutdownNow();
    }
}
