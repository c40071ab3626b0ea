package dev.keel.server.tracking;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import dev.keel.server.auth.Role;
import dev.keel.server.http.ApiRequest;
import dev.keel.server.http.ApiResponse;
import dev.keel.server.http.ApiRouter;
import dev.keel.server.http.ApiRoutes;
import dev.keel.server.tracking.TrackingViews.ExperimentList;
import dev.keel.server.tracking.TrackingViews.ExperimentView;
import dev.keel.server.tracking.TrackingViews.MetricHistoryView;
import dev.keel.server.tracking.TrackingViews.RunList;
import dev.keel.server.tracking.TrackingViews.RunView;
import dev.keel.store.metadata.Project;
import dev.keel.train.tracking.ArtifactInfo;
import dev.keel.train.tracking.MetricPoint;
import dev.keel.train.tracking.NewRun;
import dev.keel.train.tracking.RunLineage;
import dev.keel.train.tracking.RunPage;
import dev.keel.train.tracking.RunQuery;
import dev.keel.train.tracking.RunStatus;
import dev.keel.train.tracking.RunUpdate;
import dev.keel.train.tracking.TrackingService;
import dev.keel.train.tracking.ViewType;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/experiments} and {@code /api/v1/runs}. Experiments are named by id or by name. */
public final class TrackingApi implements ApiRoutes {
    private final TrackingService tracking;

    public TrackingApi(TrackingService tracking) {
        this.tracking = requireNonNull(tracking, "tracking is null");
    }

    record CreateExperiment(String name, Map<String, String> tags) {}

    record CreateRun(String experiment, String name, String status, Instant startTime, Map<String, String> params,
            Map<String, String> tags) {}

    record UpdateRun(String name, String status, String statusReason, Instant endTime) {}

    record LogBatch(List<MetricPoint> metrics, Map<String, String> params, Map<String, String> tags) {}

    record ArtifactList(List<ArtifactInfo> artifacts) {}

    record LinkArtifact(String path, String sha256) {}

    @Override
    public void register(ApiRouter router) {
        router.get("/experiments", Role.VIEWER, request -> new ExperimentList(tracking.listExperiments(Project.DEFAULT_ID,
                        ViewType.parse("view", request.query("view").orElse(null)), request.queryInt("offset", 0, 0,
                                Integer.MAX_VALUE), request.queryInt("limit", 1000, 1, 50_000))
                .stream().map(ExperimentView::of).toList()));
        router.post("/experiments", Role.EDITOR, request -> {
            CreateExperiment body = request.body(CreateExperiment.class);
            return ApiResponse.created(ExperimentView.of(tracking.createExperiment(body.name(),
                    body.tags() == null ? Map.of() : body.tags())));
        });
        router.get("/experiments/{experiment}", Role.VIEWER,
                request -> ExperimentView.of(tracking.resolveExperiment(request.pathParam("experiment"))));
        router.delete("/experiments/{experiment}", Role.EDITOR, request -> {
            tracking.deleteExperiment(tracking.resolveExperiment(request.pathParam("experiment")).id());
            return ApiResponse.noContent();
        });
        router.get("/runs", Role.VIEWER, this::searchRuns);
        router.post("/runs", Role.EDITOR, request -> {
            CreateRun body = request.body(CreateRun.class);
            String experiment = body.experiment() == null ? TrackingService.DEFAULT_EXPERIMENT_ID
                    : tracking.resolveExperiment(body.experiment()).id();
            RunStatus status = body.status() == null ? RunStatus.RUNNING : RunStatus.parse("status", body.status());
            return ApiResponse.created(RunView.of(tracking.createRun(new NewRun(experiment, body.name(),
                    request.principal().name(), body.startTime(), status, orEmpty(body.params()), orEmpty(body.tags()),
                    RunLineage.NONE, null))));
        });
        router.get("/runs/compare", Role.VIEWER, request -> tracking.compare(Arrays.stream(
                request.query("ids").orElse("").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()));
        router.get("/runs/{run}", Role.VIEWER, request -> RunView.of(tracking.getRun(request.pathParam("run"))));
        router.put("/runs/{run}", Role.EDITOR, request -> {
            UpdateRun body = request.body(UpdateRun.class);
            String id = request.pathParam("run");
            tracking.updateRun(id, new RunUpdate(body.name(),
                    body.status() == null ? null : RunStatus.parse("status", body.status()), body.statusReason(),
                    body.endTime()));
            return RunView.of(tracking.getRun(id));
        });
        router.delete("/runs/{run}", Role.EDITOR, request -> {
            tracking.deleteRun(request.pathParam("run"));
            return ApiResponse.noContent();
        });
        router.post("/runs/{run}/log", Role.EDITOR, request -> {
            LogBatch body = request.body(LogBatch.class);
            tracking.logBatch(request.pathParam("run"), body.metrics() == null ? List.of() : body.metrics(),
                    orEmpty(body.params()), orEmpty(body.tags()));
            return ApiResponse.noContent();
        });
        router.get("/runs/{run}/metrics/{key}", Role.VIEWER, request -> new MetricHistoryView(request.pathParam("run"),
                request.pathParam("key"), tracking.metricHistory(request.pathParam("run"), request.pathParam("key"),
                        request.queryInt("offset", 0, 0, Integer.MAX_VALUE), request.queryInt("limit", 100_000, 1, 1_000_000))));
        router.get("/runs/{run}/artifacts", Role.VIEWER,
                request -> new ArtifactList(tracking.listArtifacts(request.pathParam("run"))));
        router.post("/runs/{run}/artifacts", Role.EDITOR, request -> {
            LinkArtifact body = request.body(LinkArtifact.class);
            return ApiResponse.created(tracking.linkArtifact(request.pathParam("run"), body.path(), body.sha256()));
        });
        router.streaming(HttpMethod.PUT, "/runs/{run}/artifacts/{*path}", Role.EDITOR, request -> {
            try (InputStream body = request.bodyStream()) {
                return ApiResponse.created(tracking.putArtifact(request.pathParam("run"), request.pathParam("path"), body,
                        request.contentLength()));
            }
        });
        router.streaming(HttpMethod.GET, "/runs/{run}/artifacts/{*path}", Role.VIEWER, request -> {
            ArtifactInfo artifact = tracking.getArtifact(request.pathParam("run"), request.pathParam("path"));
            return request.streamResponse(MediaType.OCTET_STREAM, artifact.size(), tracking.openArtifact(artifact));
        });
    }

    private Object searchRuns(ApiRequest request) {
        List<String> experiments = request.context().queryParams().getAll("experiment").stream()
                .flatMap(value -> Arrays.stream(value.split(","))).map(String::trim).filter(s -> !s.isEmpty())
                .map(idOrName -> tracking.resolveExperiment(idOrName).id()).toList();
        List<String> sort = request.context().queryParams().getAll("sort");
        RunPage page = tracking.searchRuns(new RunQuery(
                experiments.isEmpty() ? allExperiments() : experiments,
                request.query("filter").orElse(null), sort, ViewType.parse("view", request.query("view").orElse(null)),
                request.queryInt("maxResults", 100, 1, RunQuery.MAX_RESULTS), request.query("pageToken").orElse(null)));
        return new RunList(page.runs().stream().map(RunView::of).toList(), page.nextPageToken());
    }

    /** Without {@code experiment}, a search covers every active experiment. */
    private List<String> allExperiments() {
        return tracking.listExperiments(Project.DEFAULT_ID, ViewType.ACTIVE_ONLY, 0, 50_000).stream()
                .map(dev.keel.train.tracking.Experiment::id).toList();
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
