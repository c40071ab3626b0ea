package dev.keel.server.workflow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.config.KeelConfig;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.ingest.ChunkedFileStore;
import dev.keel.data.ingest.ChunkingParameters;
import dev.keel.data.version.DatasetService;
import dev.keel.data.version.FormatsVersionProfiler;
import dev.keel.serve.deploy.Deployments;
import dev.keel.serve.export.RegistryExport;
import dev.keel.serve.registry.ModelRegistry;
import dev.keel.server.http.ApiRoutes;
import dev.keel.server.job.JobSystem;
import dev.keel.store.blob.BlobStore;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.train.tracking.TrackingService;
import dev.keel.workflow.engine.PipelineRepository;
import dev.keel.workflow.engine.PipelineService;
import dev.keel.workflow.engine.RunRepository;
import dev.keel.workflow.engine.StepType;
import dev.keel.workflow.engine.WorkflowEngine;
import dev.keel.workflow.trigger.DatasetVersions;
import dev.keel.workflow.trigger.TriggerPoller;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The workflow manager of one server: the step types over the server's components, the engine (its own tick thread;
 * steps on virtual threads, so a step waiting for a job holds no platform thread), the trigger poller and the API.
 * {@code KeelServer} registers {@link #routes()}, calls {@link #start()} once the job queue runs, and
 * {@link #close()} before it stops the job queue (running steps are left to be taken over, their jobs keep running).
 */
public final class WorkflowSystem implements AutoCloseable {
    private final PipelineService pipelines;
    private final WorkflowEngine engine;
    private final TriggerPoller triggers;
    private final WorkflowSettings settings;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService stepThreads;

    private WorkflowSystem(PipelineService pipelines, WorkflowEngine engine, TriggerPoller triggers,
            WorkflowSettings settings, ScheduledExecutorService scheduler, ExecutorService stepThreads) {
        this.pipelines = pipelines;
        this.engine = engine;
        this.triggers = triggers;
        this.settings = settings;
        this.scheduler = scheduler;
        this.stepThreads = stepThreads;
    }

    public static WorkflowSystem create(MetadataStore metadata, BlobStore blobs, KeelConfig config, Clock clock,
            JobSystem jobs, TrackingService tracking, ModelRegistry models, Supplier<Deployments> deployments,
            WorkflowSettings settings) {
        requireNonNull(config, "config is null");
        ObjectMapper json = new ObjectMapper();
        DatasetService datasets = new DatasetService(metadata, new ChunkedFileStore(blobs, metadata,
                ChunkingParameters.defaults(), clock), new FormatsVersionProfiler(json), clock,
                () -> UUID.randomUUID().toString());
        Supplier<RegistryExport> export = memoize(() -> RegistryExport.create(models));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
        List<StepType> types = List.of(
                ImportDatasetStep.type(datasets, config.datasets().importRoots()),
                TrainStep.type(jobs.jobs()),
                TuneStep.type(jobs.studies(), jobs.jobs()),
                EvaluateStep.type(tracking),
                RegisterStep.type(models, tracking),
                PromoteStep.type(models),
                DeployStep.type(models, deployments, export),
                NotifyStep.type(http, json, clock),
                CommandStep.type());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("keel-workflow").daemon(true).factory());
        ExecutorService stepThreads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("keel-step-", 0).factory());
        WorkflowEngine engine = new WorkflowEngine(new RunRepository(metadata), types, settings.engine(), clock,
                stepThreads, owner());
        PipelineRepository pipelineRepository = new PipelineRepository(metadata);
        PipelineService pipelines = new PipelineService(pipelineRepository, new RunRepository(metadata), engine, clock,
                ids(new SecureRandom()));
        TriggerPoller triggers = new TriggerPoller(pipelineRepository, pipelines, engine.parser(),
                latestVersions(datasets), clock);
        return new WorkflowSystem(pipelines, engine, triggers, settings, scheduler, stepThreads);
    }

    public List<ApiRoutes> routes() {
        return List.of(new PipelineApi(pipelines, this::apply));
    }

    public void start() {
        engine.start(scheduler);
        triggers.start(scheduler, settings.triggerInterval());
    }

    /**
     * Applies a pipeline exactly as {@code POST /api/v1/pipelines} does: validated (INVALID_ARGUMENT listing every
     * problem), stored, and its triggers' starting points recorded at once, so a dataset commit made right after
     * fires it. For embedding (e.g. the quickstart); the caller checks roles.
     */
    public PipelineService.AppliedPipeline apply(String specText, String by) {
        PipelineService.AppliedPipeline applied = pipelines.apply(specText, by);
        triggers.prime(applied.pipeline());
        return applied;
    }

    public PipelineService pipelines() {
        return pipelines;
    }

    public TriggerPoller triggers() {
        return triggers;
    }

    public WorkflowEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        triggers.close();
        engine.close();
        scheduler.shutdownNow();
        stepThreads.shutdownNow();
    }

    private static DatasetVersions latestVersions(DatasetService datasets) {
        return name -> {
            try {
                Integer head = datasets.getDataset(null, name).dataset().headVersion();
                return Optional.ofNullable(head).map(String::valueOf);
            } catch (KeelException e) {
                if (e.code() == ErrorCode.NOT_FOUND) {
                    return Optional.empty();
                }
                throw e;
            }
        };
    }

    /** Unique per process: a restarted server must not mistake its predecessor's leases for its own. */
    private static String owner() {
        String host = System.getenv().getOrDefault("HOSTNAME", "host");
        return host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** 16 hex digits, like job ids: short enough to type in {@code keel pipelines show ID}. */
    private static Supplier<String> ids(SecureRandom random) {
        return () -> {
            byte[] bytes = new byte[8];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        };
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
