package dev.keel.server.mlflow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.core.error.KeelException;
import dev.keel.serve.registry.ModelRegistry;
import dev.keel.serve.registry.ModelVersion;
import dev.keel.serve.registry.NewModelVersion;
import dev.keel.serve.registry.RegisteredModel;
import dev.keel.serve.runtime.ModelFormat;
import dev.keel.store.metadata.Project;
import dev.keel.train.tracking.ArtifactInfo;
import dev.keel.train.tracking.MetricPoint;
import dev.keel.train.tracking.Run;
import dev.keel.train.tracking.TrackingService;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MLflow's model-registry endpoints ({@code registered-models/*}, {@code model-versions/*}) over Keel's registry.
 * Stages are not modelled (every version is in stage {@code None}); aliases are. A version's {@code source}
 * must be a {@code runs:/<run id>/<artifact path>} URI of a Keel run.
 */
final class MlflowRegistryHandlers {
    private static final String P = Project.DEFAULT_ID;
    private static final Pattern RUNS_URI = Pattern.compile("runs:/([^/]+)/(.+)");
    private static final Pattern NAME_FILTER = Pattern.compile("\\s*name\\s*(=|LIKE|ILIKE)\\s*'([^']*)'\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_RESULTS = 1000;

    private final ModelRegistry registry;
    private final TrackingService tracking;
    private final ObjectMapper json;

    MlflowRegistryHandlers(ModelRegistry registry, TrackingService tracking, ObjectMapper json) {
        this.registry = requireNonNull(registry, "registry is null");
        this.tracking = requireNonNull(tracking, "tracking is null");
        this.json = requireNonNull(json, "json is null");
    }

    // ---- registered-models

    JsonNode createModel(MlflowRequest request) {
        RegisteredModel model = registry.createModel(P, request.requiredString("name"), request.string("description"),
                MlflowJson.keyValueList("tags", request.body().path("tags")));
        return wrap("registered_model", registeredModel(model));
    }

    JsonNode getModel(MlflowRequest request) {
        return wrap("registered_model", registeredModel(registry.getModel(P, request.requiredString("name"))));
    }

    JsonNode searchModels(MlflowRequest request) {
        String contains = nameFilter(request.string("filter").orElse(""));
        int max = request.int64("max_results").map(Long::intValue).orElse(100);
        int offset = request.string("page_token").filter(token -> !token.isEmpty()).map(MlflowRegistryHandlers::offset).orElse(0);
        List<RegisteredModel> models = registry.listModels(P, contains, Math.min(max, MAX_RESULTS) + 1, offset);
        ObjectNode answer = json.createObjectNode();
        ArrayNode array = answer.putArray("registered_models");
        models.stream().limit(max).forEach(model -> array.add(registeredModel(model)));
        if (models.size() > max) {
            answer.put("next_page_token", Integer.toString(offset + max));
        }
        return answer;
    }

    JsonNode updateModel(MlflowRequest request) {
        return wrap("registered_model", registeredModel(registry.updateModel(P, request.requiredString("name"),
                request.string("description"))));
    }

    JsonNode deleteModel(MlflowRequest request) {
        registry.deleteModel(P, request.requiredString("name"));
        return json.createObjectNode();
    }

    JsonNode latestVersions(MlflowRequest request) {
        String name = request.requiredString("name");
        List<String> stages = request.strings("stages");
        ObjectNode answer = json.createObjectNode();
        ArrayNode versions = answer.putArray("model_versions");
        RegisteredModel model = registry.getModel(P, name);
        if (model.latestVersion().isPresent() && (stages.isEmpty() || stages.stream().anyMatch("None"::equalsIgnoreCase))) {
            versions.add(modelVersion(registry.getVersion(P, name, model.latestVersion().get())));
        }
        return answer;
    }

    JsonNode setModelTag(MlflowRequest request) {
        registry.setModelTag(P, request.requiredString("name"), request.requiredString("key"), request.requiredString("value"));
        return json.createObjectNode();
    }

    JsonNode deleteModelTag(MlflowRequest request) {
        registry.deleteModelTag(P, request.requiredString("name"), request.requiredString("key"));
        return json.createObjectNode();
    }

    /** POST sets, DELETE removes, GET reads ({@code registered-models/alias}); the method picks. */
    JsonNode setAlias(MlflowRequest request) {
        registry.setAlias(P, request.requiredString("name"), request.requiredString("alias"),
                version(request.requiredString("version")), request.principal().name(), Optional.of("mlflow"));
        return json.createObjectNode();
    }

    JsonNode deleteAlias(MlflowRequest request) {
        registry.deleteAlias(P, request.requiredString("name"), request.requiredString("alias"), request.principal().name());
        return json.createObjectNode();
    }

    JsonNode getByAlias(MlflowRequest request) {
        String alias = request.requiredString("alias");
        if (alias.matches("[0-9]+") || alias.equals(ModelRegistry.LATEST)) {
            throw KeelException.notFound("alias " + alias);
        }
        return wrap("model_version", modelVersion(registry.resolve(P, request.requiredString("name"), alias)));
    }

    // ---- model-versions

    JsonNode createVersion(MlflowRequest request) throws Exception {
        String name = request.requiredString("name");
        String source = request.requiredString("source");
        Matcher matcher = RUNS_URI.matcher(source);
        if (!matcher.matches()) {
            throw KeelException.invalid("source: " + source + " (expected: runs:/<run id>/<artifact path> of a Keel run)");
        }
        String runId = matcher.group(1);
        request.string("run_id").filter(id -> !id.equals(runId)).ifPresent(id -> {
            throw KeelException.invalid("run_id: " + id + " (expected: " + runId + ", the run of source)");
        });
        registry.getModel(P, name);
        Run run = tracking.getRun(runId);
        ArtifactInfo artifact = tracking.getArtifact(runId, matcher.group(2));
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (MetricPoint point : run.latestMetrics()) {
            metrics.put(point.key(), point.value());
        }
        Path file = Files.createTempFile("keel-model-", ".upload");
        try {
            try (InputStream in = tracking.openArtifact(artifact)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            ModelVersion version = registry.registerVersion(P, name, new NewModelVersion(formatOf(artifact.path()), file,
                    source, Optional.of(runId), Optional.empty(), metrics,
                    Optional.ofNullable(run.info().lineage() == null ? null : run.info().lineage().datasetVersionId()),
                    request.string("description"), MlflowJson.keyValueList("tags", request.body().path("tags")),
                    request.principal().name()));
            return wrap("model_version", modelVersion(version));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    JsonNode getVersion(MlflowRequest request) {
        return wrap("model_version", modelVersion(registry.getVersion(P, request.requiredString("name"),
                version(request.requiredString("version")))));
    }

    JsonNode updateVersion(MlflowRequest request) {
        return wrap("model_version", modelVersion(registry.updateVersion(P, request.requiredString("name"),
                version(request.requiredString("version")), request.string("description"))));
    }

    JsonNode deleteVersion(MlflowRequest request) {
        registry.deleteVersion(P, request.requiredString("name"), version(request.requiredString("version")),
                request.principal().name());
        return json.createObjectNode();
    }

    JsonNode searchVersions(MlflowRequest request) {
        String filter = request.string("filter").orElse("");
        ObjectNode answer = json.createObjectNode();
        ArrayNode array = answer.putArray("model_versions");
        if (filter.isBlank()) {
            for (RegisteredModel model : registry.listModels(P, "", MAX_RESULTS, 0)) {
                registry.listVersions(P, model.name(), MAX_RESULTS, 0).forEach(version -> array.add(modelVersion(version)));
            }
            return answer;
        }
        Matcher matcher = NAME_FILTER.matcher(filter);
        if (!matcher.matches() || !matcher.group(1).equals("=")) {
            throw KeelException.invalid("filter: " + filter + " (expected: name='<model name>')");
        }
        registry.listVersions(P, matcher.group(2), MAX_RESULTS, 0).forEach(version -> array.add(modelVersion(version)));
        return answer;
    }

    JsonNode setVersionTag(MlflowRequest request) {
        registry.setVersionTag(P, request.requiredString("name"), version(request.requiredString("version")),
                request.requiredString("key"), request.requiredString("value"));
        return json.createObjectNode();
    }

    JsonNode deleteVersionTag(MlflowRequest request) {
        registry.deleteVersionTag(P, request.requiredString("name"), version(request.requiredString("version")),
                request.requiredString("key"));
        return json.createObjectNode();
    }

    /** The Keel API path that serves the version's file (viewer token), or its run artifact URI. */
    JsonNode downloadUri(MlflowRequest request) {
        ModelVersion version = registry.getVersion(P, request.requiredString("name"), version(request.requiredString("version")));
        ObjectNode answer = json.createObjectNode();
        answer.put("artifact_uri", version.sourceRunId().isPresent() ? version.source()
                : "/api/v1/models/" + version.modelName() + "/versions/" + version.version() + "/file");
        return answer;
    }

    // ---- shapes

    private ObjectNode registeredModel(RegisteredModel model) {
        ObjectNode node = json.createObjectNode();
        node.put("name", model.name());
        node.put("creation_timestamp", model.createdAt());
        node.put("last_updated_timestamp", model.updatedAt());
        model.description().ifPresent(description -> node.put("description", description));
        if (model.latestVersion().isPresent()) {
            node.putArray("latest_versions").add(modelVersion(registry.getVersion(P, model.name(), model.latestVersion().get())));
        }
        ArrayNode tags = node.putArray("tags");
        model.tags().forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
        ArrayNode aliases = node.putArray("aliases");
        model.aliases().forEach((alias, version) -> aliases.addObject().put("alias", alias).put("version", version.toString()));
        return node;
    }

    private ObjectNode modelVersion(ModelVersion version) {
        ObjectNode node = json.createObjectNode();
        node.put("name", version.modelName());
        node.put("version", Integer.toString(version.version()));
        node.put("creation_timestamp", version.createdAt());
        node.put("last_updated_timestamp", version.updatedAt());
        node.put("user_id", version.createdBy());
        node.put("current_stage", "None");
        version.description().ifPresent(description -> node.put("description", description));
        node.put("source", version.source());
        version.sourceRunId().ifPresent(run -> node.put("run_id", run));
        node.put("status", version.status());
        ArrayNode tags = node.putArray("tags");
        version.tags().forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
        ArrayNode aliases = node.putArray("aliases");
        version.aliases().forEach(aliases::add);
        return node;
    }

    private ObjectNode wrap(String field, ObjectNode value) {
        ObjectNode node = json.createObjectNode();
        node.set(field, value);
        return node;
    }

    private static String nameFilter(String filter) {
        if (filter.isBlank()) {
            return "";
        }
        Matcher matcher = NAME_FILTER.matcher(filter);
        if (!matcher.matches()) {
            throw KeelException.invalid("filter: " + filter + " (expected: name = '<name>' or name LIKE '%<part>%')");
        }
        return matcher.group(2).replace("%", "");
    }

    private static int version(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw KeelException.invalid("version: " + text + " (expected: a version number)");
        }
    }

    private static int offset(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw KeelException.invalid("page_token: " + token + " (expected: a token from a previous page)");
        }
    }

    private static ModelFormat formatOf(String path) {
        if (path.endsWith(".onnx")) {
            return ModelFormat.ONNX;
        }
        if (path.endsWith(".keel")) {
            return ModelFormat.KEEL;
        }
        throw KeelException.invalid("source: " + path + " (expected: an .onnx or .keel artifact; TorchScript needs a "
                + "signature, register it through /api/v1/models)");
    }
}
