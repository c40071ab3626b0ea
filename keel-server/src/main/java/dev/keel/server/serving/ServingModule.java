package dev.keel.server.serving;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.grpc.GrpcService;
import dev.keel.serve.deploy.Deployments;
import dev.keel.server.auth.Authenticator;
import dev.keel.server.http.ApiRoutes;
import dev.keel.server.http.ErrorResponses;
import io.grpc.ServerInterceptors;
import java.time.Duration;

/**
 * Puts the model server on the API port: Keel REST predict, KServe V1, OIP v2 REST, OIP v2 gRPC and TorchServe
 * ({@link #register}), and the deployment management routes ({@link #managementRoutes}, under /api/v1).
 */
public final class ServingModule {
    /** How long a verified token is trusted by the inference routes without a database read. */
    static final Duration TOKEN_CACHE = Duration.ofSeconds(5);

    private final Deployments deployments;
    private final InferenceAuth auth;
    private final InferenceHttp http;

    public ServingModule(Deployments deployments, Authenticator authenticator, ObjectMapper json, ErrorResponses errors) {
        this.deployments = requireNonNull(deployments, "deployments is null");
        this.auth = new InferenceAuth(authenticator, TOKEN_CACHE, System::nanoTime);
        this.http = new InferenceHttp(auth, errors, json);
    }

    public Deployments deployments() {
        return deployments;
    }

    public ApiRoutes managementRoutes() {
        return new EndpointApi(deployments);
    }

    /**
     * Background work on {@code scheduler}: re-resolve aliases every {@code aliasCheck} (an alias moved in the
     * registry swaps its endpoints without downtime) and write serving metrics to the store every
     * {@code metricsFlush}.
     */
    public void schedule(java.util.concurrent.ScheduledExecutorService scheduler,
            dev.keel.serve.metrics.ServingMetricsWriter metrics, Duration aliasCheck, Duration metricsFlush) {
        scheduler.scheduleWithFixedDelay(deployments::refreshAll, aliasCheck.toMillis(), aliasCheck.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(metrics::flush, metricsFlush.toMillis(), metricsFlush.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Registers the inference routes and the gRPC service on {@code server}. */
    public void register(ServerBuilder server) {
        new KeelPredictService(deployments, http).register(server);
        new KServeV1Service(deployments, http).register(server);
        new OipRestService(deployments, http).register(server);
        new TorchServeService(deployments, http).register(server);
        server.service(GrpcService.builder()
                .addService(ServerInterceptors.intercept(new OipGrpcService(deployments), new GrpcAuthInterceptor(auth)))
                // The token check may read the database: keep it off the event loop.
                .useBlockingTaskExecutor(true)
                .build());
    }
}
