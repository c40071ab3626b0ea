package dev.keel.client.pipelines;

import static java.util.Objects.requireNonNull;

import dev.keel.client.KeelClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /api/v1/pipelines}: {@code new PipelinesClient(client).apply(Files.readString(file))}. */
public final class PipelinesClient {
    private static final String BASE = "/api/v1/pipelines";
    private static final String RUNS = "/api/v1/pipeline-runs";

    private final KeelClient client;

    public PipelinesClient(KeelClient client) {
        this.client = requireNonNull(client, "client is null");
    }

    record PipelineList(List<Pipeline> pipelines) {}

    record RunList(List<PipelineRun> runs) {}

    /** Creates or updates the pipeline the YAML/JSON text names; a 400 lists every problem with its path. */
    public Pipeline apply(String specText) {
        return client.post(BASE, Map.of("spec", requireNonNull(specText, "specText is null")), Pipeline.class);
    }

    public List<Pipeline> list() {
        return client.get(BASE, PipelineList.class).pipelines();
    }

    public Pipeline get(String name) {
        return client.get(BASE + "/" + KeelClient.segment(name), Pipeline.class);
    }

    /** Starts a run; {@code params} set the pipeline's declared parameters. */
    public PipelineRun run(String name, Map<String, String> params) {
        return client.post(BASE + "/" + KeelClient.segment(name) + "/runs", Map.of("params", params),
                PipelineRun.class);
    }

    /** Newest first, without steps; every pipeline's runs when {@code name} is empty. */
    public List<PipelineRun> runs(Optional<String> name, int limit) {
        String path = name.map(n -> BASE + "/" + KeelClient.segment(n) + "/runs?limit=" + limit)
                .orElse(RUNS + "?limit=" + limit);
        return client.get(path, RunList.class).runs();
    }

    /** One run with its steps (states, durations, outputs, logs). */
    public PipelineRun getRun(String runId) {
        return client.get(RUNS + "/" + KeelClient.segment(runId), PipelineRun.class);
    }

    public PipelineRun cancel(String runId) {
        return client.post(RUNS + "/" + KeelClient.segment(runId) + "/cancel", Map.of(), PipelineRun.class);
    }
}
