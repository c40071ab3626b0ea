package dev.keel.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.prometheus.PrometheusMeterRegistries;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServerPort;
import dev.keel.core.config.KeelConfig;
import dev.keel.core.config.ServerConfig;
import dev.keel.server.auth.Authenticator;
import dev.keel.server.auth.TokenApi;
import dev.keel.server.auth.TokenRepository;
import dev.keel.server.auth.TokenService;
import dev.keel.server.blobs.BlobApi;
import dev.keel.server.http.ApiRouter;
import dev.keel.server.http.ApiRoutes;
import dev.keel.server.http.ErrorResponses;
import dev.keel.server.http.JsonBodies;
import dev.keel.server.http.KeelErrorHandler;
import dev.keel.server.system.HealthService;
import dev.keel.server.system.SystemApi;
import dev.keel.store.blob.BlobStore;
import dev.keel.store.blob.BlobStores;
import dev.keel.store.metadata.MetadataStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: config → metadata and blob stores → services → routes → one Armeria server on one
 * port. {@link #stop()} lets in-flight requests finish (Armeria graceful shutdown, up to
 * {@code server.shutdownGrace}) and only then closes the stores they use.
 */
public final class KeelServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KeelServer.class);

    private final KeelConfig config;
    private final Clock clock;
    private final List<ApiRoutes> extraAreas;
    private MetadataStore metadata;
    private BlobStore blobs;
    private dev.keel.train.tracking.TrackingService tracking;
    private dev.keel.serve.registry.ModelRegistry models;
    private dev.keel.serve.deploy.Deployments deployments;
    private dev.keel.serve.metrics.ServingMetricsWriter servingMetrics;
    private dev.keel.server.monitor.MonitorModule monitor;
    private java.util.concurrent.ScheduledExecutorService servingScheduler;
    private dev.keel.server.job.JobSystem jobs;
    private dev.keel.server.workflow.WorkflowSystem workflows;
    private Server server;
    private List<ApiRouter.RouteInfo> routes = List.of();
    private Optional<String> generatedAdminToken = Optional.empty();

    public KeelServer(KeelConfig config, Clock clock) {
        this(config, clock, List.of());
    }

    /** @param extraAreas API areas added after the built-in ones (embedding and tests) */
    public KeelServer(KeelConfig config, Clock clock, List<ApiRoutes> extraAreas) {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.extraAreas = List.copyOf(extraAreas);
    }

    /** Opens the stores (migrating the database), installs the first admin token if none exists, and listens. */
    public synchronized KeelServer start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        metadata = MetadataStore.open(config.database());
        try {
            blobs = BlobStores.open(config.blobs());
            TokenService tokens = new TokenService(new TokenRepository(metadata), clock, new SecureRandom());
            generatedAdminToken = tokens.bootstrap(config.adminToken());

            List<ApiRoutes> areas = new ArrayList<>(List.of(
                    new SystemApi(),
                    new TokenApi(tokens),
                    new BlobApi(blobs)));
            areas.add(dev.keel.server.dataset.DatasetApiFactory.create(metadata, blobs, config, clock,
                    JsonBodies.newObjectMapper()));
            tracking = new dev.keel.train.tracking.TrackingService(metadata, blobs, clock, new SecureRandom());
            areas.add(new dev.keel.server.tracking.TrackingApi(tracking));
            models = dev.keel.serve.registry.ModelRegistry.create(metadata, blobs, clock);
            areas.add(new dev.keel.server.registry.ModelsApi(models, tracking));
            jobs = dev.keel.server.job.JobSystem.create(metadata, blobs, tokens, tracking, config, clock);
            areas.addAll(jobs.routes());
            workflows = dev.keel.server.workflow.WorkflowSystem.create(metadata, blobs, config, clock, jobs, tracking,
                    models, () -> deployments, dev.keel.server.workflow.WorkflowSettings.from(System.getenv(),
                            System.getProperties()));
            areas.addAll(workflows.routes());
            areas.addAll(extraAreas);

            server = buildServer(new Authenticator(tokens), areas);
            server.start().join();
            // Workers call back on the bound port, so the queue starts only now.
            jobs.start(url());
            workflows.start();
            log.info("Keel server listening on {}", url());
            return this;
        } catch (RuntimeException e) {
            closeStores();
            throw e;
        }
    }

    private Server buildServer(Authenticator authenticator, List<ApiRoutes> areas) {
        ServerConfig settings = config.server();
        ObjectMapper json = JsonBodies.newObjectMapper();
        ErrorResponses errors = new ErrorResponses(json);
        PrometheusMeterRegistry registry = PrometheusMeterRegistries.newRegistry();
        ServerBuilder builder = Server.builder()
                .port(new ServerPort(new InetSocketAddress(settings.host(), settings.port()),
                        com.linecorp.armeria.common.SessionProtocol.HTTP))
                // One blocking thread per permitted request: a long upload must never starve short calls.
                .blockingTaskExecutor(settings.maxConcurrentRequests() + 8)
                .maxRequestLength(settings.maxRequestBody().bytes())
                .requestTimeout(settings.requestTimeout())
                // Quiet period 0: stop as soon as the in-flight requests are done, but wait up to the grace.
                .gracefulShutdownTimeout(Duration.ZERO, settings.shutdownGrace())
                .meterRegistry(registry)
                .errorHandler(new KeelErrorHandler(errors));
        new HealthService(metadata, blobs, json, errors).register(builder);
        builder.service("/metrics", MetricsService.create(registry, authenticator, errors));
        // MLflow's tracking API lives outside /api/v1, with MLflow's own error shape.
        new dev.keel.server.mlflow.MlflowApi(tracking, authenticator, clock).register(builder);
        new dev.keel.server.mlflow.MlflowRegistryApi(models, tracking, authenticator).register(builder);
        ApiRouter router = new ApiRouter(builder, authenticator, json, errors, settings.maxConcurrentRequests(),
                settings.maxUpload().bytes());
        areas.forEach(area -> area.register(router));
        // Model server: inference protocols + gRPC on this port, /api/v1/endpoints, persisted deployments.
        monitor = dev.keel.server.monitor.MonitorModule.create(metadata, blobs, models, tracking, clock);
        servingMetrics = new dev.keel.serve.metrics.ServingMetricsWriter(metadata, clock, monitor.servingSink());
        deployments = new dev.keel.serve.deploy.Deployments(
                new dev.keel.serve.deploy.RegistryModelSource(models, dev.keel.store.metadata.Project.DEFAULT_ID,
                        config.home().resolve("serving"), dev.keel.serve.runtime.RuntimeOptions.defaults()),
                new dev.keel.serve.deploy.DeploymentRepository(metadata, clock),
                dev.keel.serve.deploy.ServingObserver.all(List.of(
                        new dev.keel.server.serving.MicrometerServingObserver(registry), servingMetrics,
                        monitor.predictionObserver())),
                new SecureRandom().nextLong());
        deployments.restore();
        dev.keel.server.serving.ServingModule serving =
                new dev.keel.server.serving.ServingModule(deployments, authenticator, json, errors);
        serving.register(builder);
        serving.managementRoutes().register(router);
        monitor.attach(deployments, servingMetrics::flush);
        monitor.routes().register(router);
        monitor.start();
        servingScheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("keel-serving-scheduler").daemon(true).factory());
        serving.schedule(servingScheduler, servingMetrics, Duration.ofSeconds(2), Duration.ofSeconds(10));
        routes = router.routes();
        return builder.build();
    }

    /** The port actually bound (useful with {@code server.port: 0}). */
    public int port() {
        return server.activeLocalPort();
    }

    public URI url() {
        return URI.create("http://" + config.server().host() + ":" + port());
    }

    /** The admin token generated on first start, for showing once; empty on later starts. */
    public Optional<String> generatedAdminToken() {
        return generatedAdminToken;
    }

    /** Every registered {@code /api/v1} route. */
    public List<ApiRouter.RouteInfo> routes() {
        return routes;
    }

    /** Armeria's view of the routes, as registered (for tests that must not trust {@link #routes()}). */
    public Server armeria() {
        return server;
    }

    /** The model server's endpoints (null before {@link #start()}). */
    public dev.keel.serve.deploy.Deployments deployments() {
        return deployments;
    }

    /** The model metrics store (null before {@link #start()}). */
    public dev.keel.server.monitor.MonitorModule monitor() {
        return monitor;
    }

    /** The training job queue and studies (null before {@link #start()}). */
    public dev.keel.server.job.JobSystem jobs() {
        return jobs;
    }

    /** The workflow manager: pipelines, runs, triggers (null before {@link #start()}). */
    public dev.keel.server.workflow.WorkflowSystem workflows() {
        return workflows;
    }

    public MetadataStore metadata() {
        return metadata;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /** Graceful: waits for in-flight requests (up to {@code server.shutdownGrace}), then closes the stores. */
    public synchronized void stop() {
        if (workflows != null) {
            // Before the job queue: running steps stay RUNNING for a later server to take over; jobs keep running.
            workflows.close();
            workflows = null;
        }
        if (jobs != null) {
            // Stops the queue only: running workers carry on, and the next start re-attaches to them.
            jobs.close();
            jobs = null;
        }
        if (server != null) {
            server.stop().join();
            server = null;
        }
        if (servingScheduler != null) {
            servingScheduler.shutdownNow();
            servingScheduler = null;
        }
        if (deployments != null) {
            // After the port closed: drains what is queued, then closes the runtimes.
            deployments.close();
            servingMetrics.flush();
            deployments = null;
        }
        if (monitor != null) {
            monitor.close();
            monitor = null;
        }
        closeStores();
    }

    @Override
    public void close() {
        stop();
    }

    private void closeStores() {
        if (blobs != null) {
            blobs.close();
            blobs = null;
        }
        if (metadata != null) {
            metadata.close();
            metadata = null;
        }
    }
}
