package dev.keel.client.tracking;

import static java.util.Objects.requireNonNull;

import dev.keel.client.KeelClient;
import dev.keel.client.UploadedBlob;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/** {@code /api/v1/experiments} and {@code /api/v1/runs}: experiments, runs, logging, search, compare, artifacts. */
public final class TrackingClient {
    private final KeelClient client;

    public TrackingClient(KeelClient client) {
        this.client = requireNonNull(client, "client is null");
    }

    public List<ExperimentInfo> experiments() {
        return client.get("/api/v1/experiments", ExperimentList.class).experiments();
    }

    public ExperimentInfo createExperiment(String name, Map<String, String> tags) {
        return client.post("/api/v1/experiments", Map.of("name", name, "tags", tags), ExperimentInfo.class);
    }

    /** By id or by name. */
    public ExperimentInfo experiment(String idOrName) {
        return client.get("/api/v1/experiments/" + KeelClient.segment(idOrName), ExperimentInfo.class);
    }

    /** Creates a RUNNING run in the experiment (id or name; null: the default experiment). */
    public RunDetails createRun(String experiment, String name, Map<String, String> params, Map<String, String> tags) {
        Map<String, Object> body = new HashMap<>();
        body.put("experiment", experiment);
        body.put("name", name);
        body.put("params", params);
        body.put("tags", tags);
        return client.post("/api/v1/runs", body, RunDetails.class);
    }

    public RunDetails run(String id) {
        return client.get("/api/v1/runs/" + KeelClient.segment(id), RunDetails.class);
    }

    public RunList search(RunSearch search) {
        List<String> query = new ArrayList<>();
        search.experiments().forEach(e -> query.add("experiment=" + encode(e)));
        if (search.filter() != null && !search.filter().isBlank()) {
            query.add("filter=" + encode(search.filter()));
        }
        search.sort().forEach(s -> query.add("sort=" + encode(s)));
        if (search.view() != null) {
            query.add("view=" + encode(search.view()));
        }
        query.add("maxResults=" + search.maxResults());
        if (search.pageToken() != null) {
            query.add("pageToken=" + encode(search.pageToken()));
        }
        return client.get("/api/v1/runs?" + String.join("&", query), RunList.class);
    }

    /** Sets the non-null fields; a terminal status (FINISHED/succeeded, FAILED, KILLED/cancelled) ends the run. */
    public RunDetails updateRun(String id, String name, String status, String statusReason, Instant endTime) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("status", status);
        body.put("statusReason", statusReason);
        body.put("endTime", endTime);
        return client.put("/api/v1/runs/" + KeelClient.segment(id), body, RunDetails.class);
    }

    /** Logs metrics, params and tags in one call (at most 1000 metrics, 100 params, 100 tags). */
    public void log(String runId, List<MetricPoint> metrics, Map<String, String> params, Map<String, String> tags) {
        client.post("/api/v1/runs/" + KeelClient.segment(runId) + "/log",
                Map.of("metrics", metrics, "params", params, "tags", tags), Void.class);
    }

    public List<MetricPoint> metricHistory(String runId, String key) {
        return client.get("/api/v1/runs/" + KeelClient.segment(runId) + "/metrics/" + KeelClient.segment(key),
                MetricHistory.class).points();
    }

    public RunComparison compare(List<String> runIds) {
        return client.get("/api/v1/runs/compare?ids=" + encode(String.join(",", runIds)), RunComparison.class);
    }

    /** Uploads a file as a blob (skipped when the server has it) and records it as the run's artifact {@code path}. */
    public ArtifactEntry uploadArtifact(String runId, String path, Path file, LongConsumer progress) {
        UploadedBlob blob = client.uploadBlob(file, progress);
        return client.post("/api/v1/runs/" + KeelClient.segment(runId) + "/artifacts",
                Map.of("path", path, "sha256", blob.sha256()), ArtifactEntry.class);
    }

    public List<ArtifactEntry> artifacts(String runId) {
        return client.get("/api/v1/runs/" + KeelClient.segment(runId) + "/artifacts", ArtifactList.class).artifacts();
    }

    public long downloadArtifact(String runId, String path, OutputStream out) {
        return client.download("/api/v1/runs/" + KeelClient.segment(runId) + "/artifacts/" + artifactPath(path), out,
                n -> {});
    }

    private static String artifactPath(String path) {
        return String.join("/", java.util.Arrays.stream(path.split("/")).map(KeelClient::segment).toList());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    record ExperimentList(List<ExperimentInfo> experiments) {}

    record MetricHistory(String runId, String key, List<MetricPoint> points) {}

    record ArtifactList(List<ArtifactEntry> artifacts) {}
}
