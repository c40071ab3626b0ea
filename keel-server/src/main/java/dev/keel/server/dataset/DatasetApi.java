package dev.keel.server.dataset;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import dev.keel.core.dataset.ManifestEntry;
import dev.keel.core.error.KeelException;
import dev.keel.data.version.CommitRequest;
import dev.keel.data.version.DatasetService;
import dev.keel.data.version.ImportRequest;
import dev.keel.data.wellknown.WellKnownImporter;
import dev.keel.data.wellknown.WellKnownRequest;
import dev.keel.server.http.ApiRequest;
import dev.keel.server.http.ApiResponse;
import dev.keel.server.http.ApiRouter;
import dev.keel.server.http.ApiRoutes;
import dev.keel.server.auth.Role;
import java.util.Map;
import java.util.Optional;

/**
 * The dataset REST API ({@code /api/v1/datasets…}, see the dataset API contract) over {@link DatasetService}.
 * Downloads, archives and record streams are streamed; the caller's token name is recorded as author.
 */
public final class DatasetApi implements ApiRoutes {
    private final DatasetService service;
    private final WellKnownImporter wellKnown;
    private final ImportRoots importRoots;
    private final ObjectMapper json;

    DatasetApi(DatasetService service, WellKnownImporter wellKnown, ImportRoots importRoots, ObjectMapper json) {
        this.service = requireNonNull(service, "service is null");
        this.wellKnown = requireNonNull(wellKnown, "wellKnown is null");
        this.importRoots = requireNonNull(importRoots, "importRoots is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public void register(ApiRouter router) {
        router.post("/datasets", Role.EDITOR, request -> {
            var body = request.body(DatasetBodies.CreateDataset.class);
            return ApiResponse.created(service.createDataset(body.project(), body.name(), body.description()));
        });
        router.get("/datasets", Role.VIEWER, request ->
                Map.of("datasets", service.listDatasets(request.query("project"))));
        router.post("/datasets/import-well-known", Role.EDITOR, request -> {
            var body = request.body(DatasetBodies.ImportWellKnown.class);
            java.nio.file.Path path = null;
            if (body.path() != null) {
                request.requireRole(Role.ADMIN);
                path = importRoots.check("path", body.path());
            }
            return ApiResponse.created(wellKnown.importDataset(new WellKnownRequest(body.dataset(), body.project(),
                    body.name(), path, Boolean.TRUE.equals(body.download()), author(request))));
        });
        router.get("/datasets/{name}", Role.VIEWER, request ->
                service.getDataset(project(request), request.pathParam("name")));
        router.post("/datasets/{name}/versions", Role.EDITOR, request -> {
            var body = request.body(DatasetBodies.Commit.class);
            return ApiResponse.created(service.commit(project(request), request.pathParam("name"),
                    new CommitRequest(body.parent(), body.message(), author(request), body.tags(),
                            body.manifestEntries(), body.remove(), body.format(), body.split())));
        });
        router.post("/datasets/{name}/import", Role.ADMIN, request -> {
            var body = request.body(DatasetBodies.Import.class);
            return ApiResponse.created(service.importPath(project(request), request.pathParam("name"),
                    new ImportRequest(importRoots.check("path", body.path()), body.parent(), body.message(),
                            author(request), body.tags(), body.format(), body.split())));
        });
        router.get("/datasets/{name}/versions", Role.VIEWER, request -> Map.of("versions", service.listVersions(
                project(request), request.pathParam("name"), request.queryInt("limit", 100, 1, 10_000),
                request.queryInt("offset", 0, 0, Integer.MAX_VALUE))));
        router.get("/datasets/{name}/versions/{ref}", Role.VIEWER, request ->
                service.getVersion(project(request), request.pathParam("name"), request.pathParam("ref")));
        router.delete("/datasets/{name}/versions/{ref}", Role.EDITOR, request -> {
            service.deleteVersion(project(request), request.pathParam("name"), request.pathParam("ref"));
            return null;
        });
        router.get("/datasets/{name}/diff", Role.VIEWER, request -> service.diff(project(request),
                request.pathParam("name"), required(request, "from"), required(request, "to")));
        router.put("/datasets/{name}/tags/{tag}", Role.EDITOR, request -> {
            var body = request.body(DatasetBodies.TagTarget.class);
            if (body == null || body.version() == null) {
                throw KeelException.invalid("version: null (expected: a version ref such as 3, v3 or a tag)");
            }
            return service.setTag(project(request), request.pathParam("name"), request.pathParam("tag"),
                    body.version(), author(request));
        });
        router.delete("/datasets/{name}/tags/{tag}", Role.EDITOR, request -> {
            service.deleteTag(project(request), request.pathParam("name"), request.pathParam("tag"), author(request));
            return null;
        });
        router.streaming(HttpMethod.GET, "/datasets/{name}/versions/{ref}/files/{*path}", Role.VIEWER,
                this::downloadFile);
        router.streaming(HttpMethod.GET, "/datasets/{name}/versions/{ref}/archive", Role.VIEWER, request -> {
            String name = request.pathParam("name");
            String ref = request.pathParam("ref");
            String project = project(request);
            service.manifest(project, name, ref); // fail with 404 before the 200 is sent
            PipedBody body = PipedBody.start(request.context().blockingTaskExecutor(),
                    out -> service.writeArchive(project, name, ref, out));
            return request.streamResponse(MediaType.parse("application/x-tar"), -1, body);
        });
        router.streaming(HttpMethod.GET, "/datasets/{name}/versions/{ref}/splits/{split}/records", Role.VIEWER,
                new RecordStream(service, json)::serve);
    }

    private Object downloadFile(ApiRequest request) {
        String project = project(request);
        String name = request.pathParam("name");
        String ref = request.pathParam("ref");
        String path = request.pathParam("path");
        ManifestEntry entry = service.manifest(project, name, ref).stream()
                .filter(file -> file.path().equals(path)).findFirst()
                .orElseThrow(() -> KeelException.notFound("file " + path + " in " + name + "@" + ref));
        return request.streamResponse(MediaType.OCTET_STREAM, entry.size(),
                service.openFile(project, name, ref, path));
    }

    private static String project(ApiRequest request) {
        return request.query("project").orElse(null);
    }

    private static String author(ApiRequest request) {
        return request.principal().name();
    }

    private static String required(ApiRequest request, String name) {
        Optional<String> value = request.query(name);
        return value.orElseThrow(() -> KeelException.invalid(name + ": none (expected: a version ref)"));
    }
}
