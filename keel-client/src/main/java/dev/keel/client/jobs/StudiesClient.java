package dev.keel.client.jobs;

import static java.util.Objects.requireNonNull;

import dev.keel.client.KeelClient;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/studies}: create a study from its YAML/JSON text, list, show, cancel. */
public final class StudiesClient {
    private static final String BASE = "/api/v1/studies";

    private final KeelClient client;

    public StudiesClient(KeelClient client) {
        this.client = requireNonNull(client, "client is null");
    }

    record StudyList(List<Study> studies) {}

    public Study create(String studyText) {
        return client.post(BASE, Map.of("study", requireNonNull(studyText, "studyText is null")), Study.class);
    }

    public List<Study> list(int limit) {
        return client.get(BASE + "?limit=" + limit, StudyList.class).studies();
    }

    public Study get(String id) {
        return client.get(BASE + "/" + KeelClient.segment(id), Study.class);
    }

    public Study cancel(String id) {
        return client.post(BASE + "/" + KeelClient.segment(id) + "/cancel", Map.of(), Study.class);
    }
}
