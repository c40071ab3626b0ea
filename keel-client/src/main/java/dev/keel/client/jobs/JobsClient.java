package dev.keel.client.jobs;

import static java.util.Objects.requireNonNull;

import dev.keel.client.KeelClient;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /api/v1/jobs}: {@code new JobsClient(client).submit(Files.readString(spec), null, null)}. */
public final class JobsClient {
    private static final String BASE = "/api/v1/jobs";

    private final KeelClient client;

    public JobsClient(KeelClient client) {
        this.client = requireNonNull(client, "client is null");
    }

    record JobList(List<Job> jobs) {}

    /**
     * Submits a spec (YAML or JSON text). A 400 lists every problem of the spec; a 404 names the missing dataset
     * version.
     *
     * @param experiment null: the spec's name
     * @param runName null: a generated name
     */
    public Job submit(String specText, String experiment, String runName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("spec", requireNonNull(specText, "specText is null"));
        body.put("experiment", experiment);
        body.put("runName", runName);
        return client.post(BASE, body, Job.class);
    }

    public List<Job> list(Optional<String> state, Optional<String> study, int limit) {
        StringBuilder path = new StringBuilder(BASE).append("?limit=").append(limit);
        state.ifPresent(s -> path.append("&state=").append(KeelClient.segment(s)));
        study.ifPresent(s -> path.append("&study=").append(KeelClient.segment(s)));
        return client.get(path.toString(), JobList.class).jobs();
    }

    public Job get(String id) {
        return client.get(BASE + "/" + KeelClient.segment(id), Job.class);
    }

    public Job cancel(String id) {
        return client.post(BASE + "/" + KeelClient.segment(id) + "/cancel", Map.of(), Job.class);
    }

    /** Continues a failed or cancelled job from its last checkpoint. */
    public Job resume(String id) {
        return client.post(BASE + "/" + KeelClient.segment(id) + "/resume", Map.of(), Job.class);
    }

    public LogChunk logs(String id, long offset, int maxBytes) {
        return client.get(BASE + "/" + KeelClient.segment(id) + "/logs?offset=" + offset + "&maxBytes=" + maxBytes,
                LogChunk.class);
    }

    /** Streams the log from {@code offset} into {@code out} until the job has ended; returns the bytes written. */
    public long followLogs(String id, long offset, OutputStream out) {
        return client.download(BASE + "/" + KeelClient.segment(id) + "/logs?follow=true&offset=" + offset, out,
                bytes -> {});
    }
}
