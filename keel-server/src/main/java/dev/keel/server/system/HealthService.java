package dev.keel.server.system;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServerBuilder;
import dev.keel.server.http.ErrorResponses;
import dev.keel.store.blob.BlobStore;
import dev.keel.store.metadata.MetadataStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /healthz} (the process answers: liveness) and {@code /readyz} (the database and blob store answer:
 * readiness, 503 naming what failed). Neither needs a token: load balancers and orchestrators call them.
 */
public final class HealthService {
    private final MetadataStore metadata;
    private final BlobStore blobs;
    private final ObjectMapper json;
    private final ErrorResponses errors;

    public HealthService(MetadataStore metadata, BlobStore blobs, ObjectMapper json, ErrorResponses errors) {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.blobs = requireNonNull(blobs, "blobs is null");
        this.json = requireNonNull(json, "json is null");
        this.errors = requireNonNull(errors, "errors is null");
    }

    public void register(ServerBuilder server) {
        server.service("/healthz", (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, "{\"status\":\"up\"}"));
        server.service("/readyz", (ctx, req) -> HttpResponse.of(
                CompletableFuture.supplyAsync(this::readiness, ctx.blockingTaskExecutor())));
    }

    private HttpResponse readiness() {
        Map<String, String> checks = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        check("database", metadata::checkHealth, checks, failures);
        check("blobs", blobs::checkHealth, checks, failures);
        if (!failures.isEmpty()) {
            return errors.of(HttpStatus.SERVICE_UNAVAILABLE, "STORE_UNAVAILABLE",
                    "not ready: " + String.join(", ", checks.entrySet().stream()
                            .filter(e -> !e.getValue().equals("ok")).map(Map.Entry::getKey).toList()),
                    failures).toHttpResponse();
        }
        try {
            return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8,
                    json.writeValueAsBytes(Map.of("status", "ready", "checks", checks)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(String name, Runnable probe, Map<String, String> checks, List<String> failures) {
        try {
            probe.run();
            checks.put(name, "ok");
        } catch (RuntimeException e) {
            checks.put(name, "failed");
            failures.add(name + ": " + e.getMessage());
        }
    }
}
