package dev.keel.client.endpoints;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.client.KeelClient;
import java.util.List;

/** {@code /api/v1/endpoints}: deploy (or swap), list, show, undeploy, predict. */
public final class EndpointsClient {
    private static final String BASE = "/api/v1/endpoints";

    private final KeelClient client;

    public EndpointsClient(KeelClient client) {
        this.client = requireNonNull(client, "client is null");
    }

    /** Deploys, or swaps an existing endpoint to the new spec without downtime; answers once it is warm. */
    public EndpointInfo deploy(Deployment deployment) {
        return client.post(BASE, deployment, EndpointInfo.class);
    }

    public List<EndpointInfo> list() {
        return client.get(BASE, EndpointList.class).endpoints();
    }

    public EndpointInfo get(String name) {
        return client.get(path(name), EndpointInfo.class);
    }

    public void undeploy(String name) {
        client.delete(path(name));
    }

    /** Keel's predict call: {@code body} is {@code {"inputs": {name: tensor or nested arrays}}}. */
    public JsonNode predict(String name, JsonNode body) {
        return client.post(path(name) + "/predict", body, JsonNode.class);
    }

    private static String path(String name) {
        return BASE + "/" + KeelClient.segment(name);
    }

    record EndpointList(List<EndpointInfo> endpoints) {}
}
