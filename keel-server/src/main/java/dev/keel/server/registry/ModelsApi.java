package dev.keel.server.registry;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.store.metadata.Project;
import dev.keel.serve.export.RegistryExport;
import dev.keel.serve.registry.ModelRegistry;
import dev.keel.serve.registry.ModelVersion;
import dev.keel.serve.registry.NewModelVersion;
import dev.keel.serve.registry.SignatureJson;
import dev.keel.serve.runtime.ModelFormat;
import dev.keel.server.auth.Role;
import dev.keel.server.http.ApiRequest;
import dev.keel.server.http.ApiResponse;
import dev.keel.server.http.ApiRouter;
import dev.keel.server.http.ApiRoutes;
import dev.keel.server.registry.ModelViews.AliasEventView;
import dev.keel.server.registry.ModelViews.History;
import dev.keel.server.registry.ModelViews.ModelList;
import dev.keel.server.registry.ModelViews.ModelView;
import dev.keel.server.registry.ModelViews.VersionList;
import dev.keel.server.registry.ModelViews.VersionView;
import dev.keel.train.tracking.ArtifactInfo;
import dev.keel.train.tracking.MetricPoint;
import dev.keel.train.tracking.Run;
import dev.keel.train.tracking.TrackingService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/models}: registered models, versions (from a run's artifact or an uploaded file), aliases with
 * their audit history and rollback, tags. A version reference in a path is a number, an alias or {@code latest}.
 */
public final class ModelsApi implements ApiRoutes {
    private static final String P = Project.DEFAULT_ID;
    private final ModelRegistry registry;
    private final TrackingService tracking;
    private final RegistryExport export;

    public ModelsApi(ModelRegistry registry, TrackingService tracking) {
        this.registry = requireNonNull(registry, "registry is null");
        this.tracking = requireNonNull(tracking, "tracking is null");
        this.export = RegistryExport.create(registry);
    }

    record ExportRequest(Long seed) {}

    record CreateModel(String name, String description, Map<String, String> tags) {}

    record UpdateModel(String description) {}

    /** Either {@code runId} + {@code artifact} (a run's model artifact) or {@code sha256} (an uploaded blob). */
    record RegisterVersion(String runId, String artifact, String sha256, String filename, String format,
                           JsonNode signature, String description, Map<String, String> tags) {}

    record SetAlias(Integer version, String reason) {}

    record SetTag(String value) {}

    @Override
    public void register(ApiRouter router) {
        router.get("/models", Role.VIEWER, request -> new ModelList(registry.listModels(P, request.query("q").orElse(""),
                request.queryInt("limit", 100, 1, 10_000), request.queryInt("offset", 0, 0, Integer.MAX_VALUE))
                .stream().map(ModelView::of).toList()));
        router.post("/models", Role.EDITOR, request -> {
            CreateModel body = request.body(CreateModel.class);
            return ApiResponse.created(ModelView.of(registry.createModel(P, body.name(),
                    Optional.ofNullable(body.description()), body.tags() == null ? Map.of() : body.tags())));
        });
        router.get("/models/{name}", Role.VIEWER, request -> ModelView.of(registry.getModel(P, request.pathParam("name"))));
        router.put("/models/{name}", Role.EDITOR, request -> ModelView.of(registry.updateModel(P, request.pathParam("name"),
                Optional.ofNullable(request.body(UpdateModel.class).description()))));
        router.delete("/models/{name}", Role.EDITOR, request -> {
            registry.deleteModel(P, request.pathParam("name"));
            return ApiResponse.noContent();
        });
        router.get("/models/{name}/versions", Role.VIEWER, request -> new VersionList(registry.listVersions(P,
                request.pathParam("name"), request.queryInt("limit", 100, 1, 10_000),
                request.queryInt("offset", 0, 0, Integer.MAX_VALUE)).stream().map(VersionView::of).toList()));
        router.post("/models/{name}/versions", Role.EDITOR, this::registerFromRun);
        router.streaming(HttpMethod.POST, "/models/{name}/versions/upload", Role.EDITOR, this::registerUpload);
        router.get("/models/{name}/versions/{version}", Role.VIEWER, request -> VersionView.of(
                registry.resolve(P, request.pathParam("name"), request.pathParam("version"))));
        router.put("/models/{name}/versions/{version}", Role.EDITOR, request -> {
            ModelVersion version = registry.resolve(P, request.pathParam("name"), request.pathParam("version"));
            return VersionView.of(registry.updateVersion(P, version.modelName(), version.version(),
                    Optional.ofNullable(request.body(UpdateModel.class).description())));
        });
        router.delete("/models/{name}/versions/{version}", Role.EDITOR, request -> {
            registry.deleteVersion(P, request.pathParam("name"), number(request.pathParam("version")),
                    request.principal().name());
            return ApiResponse.noContent();
        });
        router.post("/models/{name}/versions/{version}/export", Role.EDITOR, request -> {
            ExportRequest body = request.contentLength() > 0 ? request.body(ExportRequest.class) : new ExportRequest(null);
            return ApiResponse.created(VersionView.of(export.export(P, request.pathParam("name"),
                    request.pathParam("version"), request.principal().name(), body.seed() == null ? 0 : body.seed())));
        });
        router.streaming(HttpMethod.GET, "/models/{name}/versions/{version}/file", Role.VIEWER, request -> {
            ModelVersion version = registry.resolve(P, request.pathParam("name"), request.pathParam("version"));
            return request.streamResponse(MediaType.OCTET_STREAM, version.blobSize(), registry.openFile(version));
        });
        router.put("/models/{name}/aliases/{alias}", Role.EDITOR, request -> {
            SetAlias body = request.body(SetAlias.class);
            if (body.version() == null) {
                throw KeelException.invalid("version: missing (expected: the version number the alias points to)");
            }
            return AliasEventView.of(registry.setAlias(P, request.pathParam("name"), request.pathParam("alias"),
                    body.version(), request.principal().name(), Optional.ofNullable(body.reason())));
        });
        router.delete("/models/{name}/aliases/{alias}", Role.EDITOR, request -> AliasEventView.of(registry.deleteAlias(P,
                request.pathParam("name"), request.pathParam("alias"), request.principal().name())));
        router.post("/models/{name}/aliases/{alias}/rollback", Role.EDITOR, request -> AliasEventView.of(registry.rollback(P,
                request.pathParam("name"), request.pathParam("alias"), request.principal().name())));
        router.get("/models/{name}/history", Role.VIEWER, request -> {
            String name = request.pathParam("name");
            Optional<String> alias = request.query("alias");
            Integer at = null;
            if (request.query("at").isPresent()) {
                if (alias.isEmpty()) {
                    throw KeelException.invalid("alias: missing (expected: an alias name when 'at' is given)");
                }
                at = registry.aliasAt(P, name, alias.get(), instant(request.query("at").get()).toEpochMilli()).orElse(null);
            }
            return new History(registry.history(P, name, alias).stream().map(AliasEventView::of).toList(), at);
        });
        router.put("/models/{name}/tags/{key}", Role.EDITOR, request -> {
            registry.setModelTag(P, request.pathParam("name"), request.pathParam("key"), request.body(SetTag.class).value());
            return ApiResponse.noContent();
        });
        router.delete("/models/{name}/tags/{key}", Role.EDITOR, request -> {
            registry.deleteModelTag(P, request.pathParam("name"), request.pathParam("key"));
            return ApiResponse.noContent();
        });
        router.put("/models/{name}/versions/{version}/tags/{key}", Role.EDITOR, request -> {
            registry.setVersionTag(P, request.pathParam("name"), number(request.pathParam("version")),
                    request.pathParam("key"), request.body(SetTag.class).value());
            return ApiResponse.noContent();
        });
        router.delete("/models/{name}/versions/{version}/tags/{key}", Role.EDITOR, request -> {
            registry.deleteVersionTag(P, request.pathParam("name"), number(request.pathParam("version")),
                    request.pathParam("key"));
            return ApiResponse.noContent();
        });
    }

    /**
     * {@code {runId, artifact: "model/model.keel"}}: the run's artifact becomes a version with its lineage and metrics;
     * {@code {sha256, filename}}: a blob uploaded through {@code /api/v1/blobs} does.
     */
    private Object registerFromRun(ApiRequest request) throws IOException {
        RegisterVersion body = request.body(RegisterVersion.class);
        if (body.sha256() != null) {
            return registerBlob(request, body);
        }
        if (body.runId() == null || body.artifact() == null) {
            throw KeelException.invalid("runId/artifact: missing (expected: the run id and the path of its model artifact, "
                    + "or sha256 of an uploaded blob)");
        }
        Run run = tracking.getRun(body.runId());
        ArtifactInfo artifact = tracking.getArtifact(body.runId(), body.artifact());
        ModelFormat format = body.format() == null ? formatOf(body.artifact()) : ModelFormat.fromJsonName(body.format());
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (MetricPoint point : run.latestMetrics()) {
            metrics.put(point.key(), point.value());
        }
        Path file = Files.createTempFile("keel-model-", ".upload");
        try {
            try (InputStream in = tracking.openArtifact(artifact)) {
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            String dataset = run.info().lineage() == null ? null : run.info().lineage().datasetVersionId();
            return ApiResponse.created(VersionView.of(registry.registerVersion(P, request.pathParam("name"),
                    new NewModelVersion(format, file, "runs:/" + body.runId() + "/" + body.artifact(),
                            Optional.of(body.runId()), Optional.ofNullable(body.signature()).map(SignatureJson::fromJson),
                            metrics, Optional.ofNullable(dataset), Optional.ofNullable(body.description()),
                            body.tags() == null ? Map.of() : body.tags(), request.principal().name()))));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private Object registerBlob(ApiRequest request, RegisterVersion body) throws IOException {
        String filename = body.filename() == null ? "model" : body.filename();
        ModelFormat format = body.format() == null ? formatOf(filename) : ModelFormat.fromJsonName(body.format());
        Path file = Files.createTempFile("keel-model-", ".upload");
        try {
            registry.copyBlob(body.sha256(), file);
            return ApiResponse.created(VersionView.of(registry.registerVersion(P, request.pathParam("name"),
                    new NewModelVersion(format, file, "upload:" + filename, Optional.empty(),
                            Optional.ofNullable(body.signature()).map(SignatureJson::fromJson), Map.of(), Optional.empty(),
                            Optional.ofNullable(body.description()), body.tags() == null ? Map.of() : body.tags(),
                            request.principal().name()))));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Body: the model file. Query: {@code format} (onnx|torchscript|keel, default from {@code filename}),
     * {@code filename}, {@code signature} (JSON, required for TorchScript), {@code description}.
     */
    private Object registerUpload(ApiRequest request) throws IOException {
        String filename = request.query("filename").orElse("model");
        ModelFormat format = request.query("format").map(ModelFormat::fromJsonName).orElseGet(() -> formatOf(filename));
        Optional<dev.keel.serve.runtime.ModelSignature> signature = request.query("signature").map(SignatureJson::parse);
        Path file = Files.createTempFile("keel-model-", ".upload");
        try {
            try (InputStream body = request.bodyStream()) {
                Files.copy(body, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return ApiResponse.created(VersionView.of(registry.registerVersion(P, request.pathParam("name"),
                    new NewModelVersion(format, file, "upload:" + filename, Optional.empty(), signature, Map.of(),
                            Optional.empty(), request.query("description"), Map.of(), request.principal().name()))));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static ModelFormat formatOf(String filename) {
        if (filename.endsWith(".onnx")) {
            return ModelFormat.ONNX;
        }
        if (filename.endsWith(".pt") || filename.endsWith(".pth") || filename.endsWith(".torchscript")) {
            return ModelFormat.TORCHSCRIPT;
        }
        if (filename.endsWith(".keel")) {
            return ModelFormat.KEEL;
        }
        throw KeelException.invalid("format: missing and not implied by file name " + filename
                + " (expected: onnx, torchscript or keel)");
    }

    private static int number(String version) {
        try {
            return Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw KeelException.invalid("version: " + version + " (expected: a version number)");
        }
    }

    private static Instant instant(String text) {
        try {
            return text.matches("-?[0-9]+") ? Instant.ofEpochMilli(Long.parseLong(text)) : Instant.parse(text);
        } catch (RuntimeException e) {
            throw new KeelException(ErrorCode.INVALID_ARGUMENT, "at: " + text
                    + " (expected: an ISO-8601 instant such as 2026-11-17T09:00:00Z, or epoch milliseconds)", e);
        }
    }
}
