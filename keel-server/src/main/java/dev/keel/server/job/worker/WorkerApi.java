package dev.keel.server.job.worker;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.client.KeelClient;
import dev.keel.client.KeelClientException;
import dev.keel.train.job.JobProgress;
import dev.keel.train.job.WorkerAssignment;
import dev.keel.train.tracking.MetricPoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The worker's calls to the API, with retries: a server that restarts or is briefly overloaded does not fail the
 * job (calls are retried for up to {@link #RETRY_FOR}); answers that say the request itself is wrong are not.
 */
final class WorkerApi {
    static final Duration RETRY_FOR = Duration.ofMinutes(2);

    private final KeelClient client;
    private final HttpClient http;
    private final URI base;
    private final String token;
    private final String jobId;

    WorkerApi(URI base, String token, String jobId) {
        this.base = requireNonNull(base, "base is null");
        this.token = requireNonNull(token, "token is null");
        this.jobId = requireNonNull(jobId, "jobId is null");
        this.client = KeelClient.create(base, token);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    ObjectMapper json() {
        return client.json();
    }

    WorkerAssignment assignment() {
        return retry(() -> client.get("/api/v1/jobs/" + seg(jobId) + "/assignment", WorkerAssignment.class));
    }

    record Report(String state, String reason, JobProgress progress) {}

    void report(String state, String reason, JobProgress progress) {
        retry(() -> client.post("/api/v1/jobs/" + seg(jobId) + "/report", new Report(state, reason, progress),
                JsonNode.class));
    }

    record LogBatch(List<MetricPoint> metrics, Map<String, String> params, Map<String, String> tags) {}

    void log(String runId, List<MetricPoint> metrics, Map<String, String> tags) {
        retry(() -> client.post("/api/v1/runs/" + seg(runId) + "/log", new LogBatch(metrics, Map.of(), tags), Void.class));
    }

    /** Rows of each split of a dataset version, from the version's split plan. */
    Map<String, Long> splitRows(String dataset, String version) {
        JsonNode detail = retry(() -> client.get("/api/v1/datasets/" + seg(dataset) + "/versions/" + seg(version),
                JsonNode.class));
        Map<String, Long> rows = new LinkedHashMap<>();
        detail.path("splits").path("parts").forEach(part -> rows.merge(part.path("name").asText(),
                part.path("rows").asLong(), Long::sum));
        return rows;
    }

    /** The split's JSON Lines record batches, read lazily as the trainer consumes them; close the stream. */
    Stream<String> recordLines(String dataset, String version, String split, int batchSize) {
        URI uri = URI.create(base + "/api/v1/datasets/" + seg(dataset) + "/versions/" + seg(version) + "/splits/"
                + seg(split) + "/records?batchSize=" + batchSize);
        return retry(() -> {
            HttpResponse<Stream<String>> response = send(HttpRequest.newBuilder(uri).GET(),
                    HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                String body = String.join("\n", response.body().toList());
                response.body().close();
                throw new KeelClientException(response.statusCode(), "HTTP_" + response.statusCode(),
                        "GET " + uri.getPath() + ": " + body, List.of());
            }
            return response.body();
        });
    }

    void uploadArtifact(String runId, String path, Path file) {
        URI uri = URI.create(base + "/api/v1/runs/" + seg(runId) + "/artifacts/" + path);
        retry(() -> {
            try {
                HttpResponse<String> response = send(HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofFile(file)), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 300) {
                    throw new KeelClientException(response.statusCode(), "HTTP_" + response.statusCode(),
                            "PUT " + uri.getPath() + ": " + response.body(), List.of());
                }
                return null;
            } catch (java.io.FileNotFoundException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    void downloadArtifact(String runId, String path, Path target) {
        retry(() -> client.download("/api/v1/runs/" + seg(runId) + "/artifacts/" + path, target, bytes -> {}));
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofHours(1)).build(),
                    handler);
        } catch (IOException e) {
            throw new KeelClientException(0, "UNAVAILABLE", "cannot reach Keel server at " + base + ": " + e, List.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeelClientException(0, "INTERRUPTED", "interrupted", List.of(), e);
        }
    }

    private static <T> T retry(Supplier<T> call) {
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        long pause = 200;
        while (true) {
            try {
                return call.get();
            } catch (KeelClientException e) {
                boolean transientFailure = e.status() == 0 || e.status() == 429 || e.status() >= 500;
                if (!transientFailure || System.nanoTime() > deadline || "INTERRUPTED".equals(e.code())) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            pause = Math.min(5_000, pause * 2);
        }
    }

    private static String seg(String value) {
        return KeelClient.segment(value);
    }
}
