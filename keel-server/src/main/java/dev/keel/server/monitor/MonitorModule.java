package dev.keel.server.monitor;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.data.ingest.ChunkedFileStore;
import dev.keel.data.ingest.ChunkingParameters;
import dev.keel.data.version.DatasetService;
import dev.keel.data.version.FormatsVersionProfiler;
import dev.keel.monitor.alert.AlertEvaluator;
import dev.keel.monitor.alert.AlertEvent;
import dev.keel.monitor.alert.AlertRepository;
import dev.keel.monitor.drift.DriftScorer;
import dev.keel.monitor.drift.ReferenceSource;
import dev.keel.monitor.drift.ReferenceStore;
import dev.keel.monitor.drift.ServedModel;
import dev.keel.monitor.alert.WebhookNotifier;
import dev.keel.monitor.series.Compactor;
import dev.keel.monitor.series.SampleWriter;
import dev.keel.monitor.series.SeriesQueries;
import dev.keel.monitor.series.SeriesRepository;
import dev.keel.serve.deploy.Deployments;
import dev.keel.serve.deploy.ServingObserver;
import dev.keel.serve.metrics.IntervalSink;
import dev.keel.serve.registry.ModelRegistry;
import dev.keel.server.http.ApiRoutes;
import dev.keel.store.blob.BlobStore;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.train.model.ArchitectureRegistry;
import dev.keel.train.spec.TrainingSpecParser;
import dev.keel.train.tracking.RunVersionReferences;
import dev.keel.train.tracking.TrackingService;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics store of one server: built once by {@link #create}, it gives the serving side an
 * {@link #servingSink()} (interval counters) and a {@link #predictionObserver()} (sampled batches), gets the
 * deployments to score drift on with {@link #attach}, exposes its routes, and runs flushing, compaction, drift
 * scoring and alert evaluation on its own scheduler (webhooks on another), all stopped by {@link #close}.
 */
public final class MonitorModule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MonitorModule.class);

    private final MonitorSettings settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final SeriesRepository series;
    private final SampleWriter writer;
    private final Compactor compactor;
    private final SeriesQueries queries;
    private final ReferenceStore references;
    private final AlertRepository alerts;
    private final AlertEvaluator evaluator;
    private final PredictionSampler sampler;
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService webhookExecutor;
    private volatile DriftScorer drift;
    private volatile Runnable servingFlush = () -> {};

    MonitorModule(MetadataStore metadata, ReferenceSource referenceSource, MonitorSettings settings, Clock clock,
            RandomGenerator random) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.random = requireNonNull(random, "random is null");
        this.series = new SeriesRepository(metadata);
        this.writer = new SampleWriter(series, settings.bufferCapacity());
        this.compactor = new Compactor(series, settings.retention(), settings.lateness(), clock);
        this.queries = new SeriesQueries(series, settings.retention(), clock);
        this.references = new ReferenceStore(metadata, referenceSource, clock);
        this.alerts = new AlertRepository(metadata, clock);
        this.webhookExecutor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("keel-alert-webhooks").daemon(true).factory());
        WebhookNotifier webhooks = new WebhookNotifier(
                HttpClient.newBuilder().connectTimeout(settings.webhookTimeout()).build(), webhookExecutor,
                settings.webhookTimeout(), settings.webhookBackoff(), settings.webhookAttempts(), 1000);
        this.evaluator = new AlertEvaluator(alerts, queries, webhooks, clock, random);
        // Sampling draws on every computed batch, from several workers: a cheap thread-safe generator, seeded here.
        this.sampler = new PredictionSampler(writer, settings.sampleRate(), settings.sampleQueue(),
                settings.maxRowsPerBatch(), new java.util.Random(random.nextLong()), clock,
                Thread.ofPlatform().name("keel-prediction-sampler").daemon(true).factory());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("keel-monitor").daemon(true).factory());
        this.drift = scorer(List::of);
    }

    /** The server's module: references follow the lineage through the registry, tracking and datasets. */
    public static MonitorModule create(MetadataStore metadata, BlobStore blobs, ModelRegistry models,
            TrackingService tracking, Clock clock) {
        DatasetService datasets = new DatasetService(metadata,
                new ChunkedFileStore(blobs, metadata, ChunkingParameters.defaults(), clock),
                new FormatsVersionProfiler(new ObjectMapper()), clock,
                () -> java.util.UUID.randomUUID().toString(), List.of(new RunVersionReferences()));
        ReferenceSource source = new LineageReferenceSource(models, tracking, datasets,
                new TrainingSpecParser(ArchitectureRegistry.load()), 5000);
        return new MonitorModule(metadata, source, MonitorSettings.defaults(), clock, new SecureRandom());
    }

    /** Hand to {@code ServingMetricsWriter}: its intervals become serving series. */
    public IntervalSink servingSink() {
        return new ServingSeriesSink(writer);
    }

    /** Add to the deployments' observers: samples computed batches for drift. */
    public ServingObserver predictionObserver() {
        return sampler;
    }

    /**
     * Scores drift on what {@code deployments} serve (primary and canary versions); {@code servingFlush} writes
     * the serving interval so far (its own schedule does that every 10 s), so {@link #flush} can be complete.
     */
    public void attach(Deployments deployments, Runnable servingFlush) {
        requireNonNull(deployments, "deployments is null");
        this.servingFlush = requireNonNull(servingFlush, "servingFlush is null");
        this.drift = scorer(() -> deployments.list().stream()
                .flatMap(e -> e.versions().stream().map(v -> new ServedModel(e.name(), e.model(), v))).toList());
    }

    private DriftScorer scorer(java.util.function.Supplier<List<ServedModel>> served) {
        return new DriftScorer(series, references, writer, served, settings.driftWindow(), settings.driftMinSamples(),
                clock);
    }

    public ApiRoutes routes() {
        return new MonitorApi(this, clock);
    }

    /** Starts the background work: flush, compaction, drift scoring, alert evaluation. */
    public void start() {
        every(settings.flushEvery().toMillis(), () -> {
            sampler.drainNow();
            writer.flush();
        });
        every(settings.compactEvery().toMillis(), compactor::compact);
        every(settings.driftEvery().toMillis(), () -> drift.scoreAll());
        every(settings.alertEvery().toMillis(), evaluator::evaluateAll);
    }

    private void every(long millis, Runnable task) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("metrics store task failed: {}", e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Writes everything observed so far: the serving interval, the sampled batches, the buffered samples. */
    public int flush() {
        servingFlush.run();
        sampler.drainNow();
        return writer.flush();
    }

    /** Scores and records drift of every served model now (the scheduler does this every few seconds). */
    public int scoreDrift() {
        sampler.drainNow();
        writer.flush();
        return drift.scoreAll();
    }

    /** Evaluates every alert rule now; returns the events emitted. */
    public List<AlertEvent> evaluateAlerts() {
        return evaluator.evaluateAll();
    }

    /** The share of computed batches sampled for drift, in [0, 1]. */
    public void setSampleRate(double rate) {
        sampler.setRate(rate);
    }

    SeriesQueries queries() {
        return queries;
    }

    SeriesRepository series() {
        return series;
    }

    AlertRepository alerts() {
        return alerts;
    }

    DriftScorer drift() {
        return drift;
    }

    String newId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** Stops the background work and writes what is buffered. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        sampler.close();
        try {
            sampler.drainNow();
            writer.flush();
        } catch (RuntimeException e) {
            log.warn("final metrics flush failed: {}", e.toString());
        }
        webhookExecutor.shutdownNow();
    }
}
