package dev.keel.client.models;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.client.KeelClient;
import dev.keel.client.UploadedBlob;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /api/v1/models}: the model registry. A version reference is a number, an alias or {@code latest}. */
public final class ModelsClient {
    private final KeelClient client;

    public ModelsClient(KeelClient client) {
        this.client = requireNonNull(client, "client is null");
    }

    record ModelList(List<ModelInfo> models) {}

    record VersionList(List<ModelVersionInfo> versions) {}

    public List<ModelInfo> list(String nameContains) {
        return client.get("/api/v1/models?q=" + URLEncoder.encode(nameContains, StandardCharsets.UTF_8), ModelList.class)
                .models();
    }

    public ModelInfo get(String name) {
        return client.get(path(name), ModelInfo.class);
    }

    public List<ModelVersionInfo> versions(String name) {
        return client.get(path(name) + "/versions", VersionList.class).versions();
    }

    public ModelVersionInfo version(String name, String reference) {
        return client.get(path(name) + "/versions/" + KeelClient.segment(reference), ModelVersionInfo.class);
    }

    /**
     * Registers a local model file: uploads it as a blob (hash-checked, skipped if the server has it), then asks
     * the server to validate and record it. {@code format} may be empty when the file name implies it;
     * {@code signature} is required for TorchScript.
     */
    public ModelVersionInfo registerFile(String name, Path file, Optional<String> format, Optional<JsonNode> signature,
                                         Optional<String> description) {
        UploadedBlob blob = client.uploadBlob(file, bytes -> { });
        Map<String, Object> body = new HashMap<>();
        body.put("sha256", blob.sha256());
        body.put("filename", file.getFileName().toString());
        format.ifPresent(value -> body.put("format", value));
        signature.ifPresent(value -> body.put("signature", value));
        description.ifPresent(value -> body.put("description", value));
        return client.post(path(name) + "/versions", body, ModelVersionInfo.class);
    }

    /** Registers a run's model artifact (e.g. {@code model.keel}) with the run's lineage and metrics. */
    public ModelVersionInfo registerFromRun(String name, String runId, String artifact, Optional<String> description) {
        Map<String, Object> body = new HashMap<>();
        body.put("runId", runId);
        body.put("artifact", artifact);
        description.ifPresent(value -> body.put("description", value));
        return client.post(path(name) + "/versions", body, ModelVersionInfo.class);
    }

    /**
     * Exports a Keel-bundle version to ONNX through the server's parity gate; the new ONNX version comes back, its
     * measured deviation in the {@code keel.export.maxAbsoluteDeviation} tag.
     */
    public ModelVersionInfo export(String name, String reference) {
        return client.post(path(name) + "/versions/" + KeelClient.segment(reference) + "/export", Map.of(),
                ModelVersionInfo.class);
    }

    public AliasEventInfo setAlias(String name, String alias, int version, Optional<String> reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("version", version);
        reason.ifPresent(value -> body.put("reason", value));
        return client.put(path(name) + "/aliases/" + KeelClient.segment(alias), body, AliasEventInfo.class);
    }

    public void deleteAlias(String name, String alias) {
        client.delete(path(name) + "/aliases/" + KeelClient.segment(alias));
    }

    public AliasEventInfo rollback(String name, String alias) {
        return client.post(path(name) + "/aliases/" + KeelClient.segment(alias) + "/rollback", Map.of(), AliasEventInfo.class);
    }

    /** The audit log of one alias (or all when {@code alias} is empty), and with {@code at}, the version then. */
    public AliasHistory history(String name, Optional<String> alias, Optional<Instant> at) {
        StringBuilder query = new StringBuilder();
        alias.ifPresent(value -> query.append(query.isEmpty() ? "?" : "&").append("alias=")
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        at.ifPresent(value -> query.append(query.isEmpty() ? "?" : "&").append("at=").append(value));
        return client.get(path(name) + "/history" + query, AliasHistory.class);
    }

    private static String path(String name) {
        return "/api/v1/models/" + KeelClient.segment(name);
    }
}
