package dev.keel.server.workflow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.core.error.KeelException;
import dev.keel.server.auth.Role;
import dev.keel.server.http.ApiResponse;
import dev.keel.server.http.ApiRouter;
import dev.keel.server.http.ApiRoutes;
import dev.keel.server.workflow.PipelineViews.PipelineList;
import dev.keel.server.workflow.PipelineViews.PipelineView;
import dev.keel.server.workflow.PipelineViews.RunList;
import dev.keel.server.workflow.PipelineViews.RunView;
import dev.keel.workflow.engine.PipelineService;
import java.util.LinkedHashMap;
import java.util.function.BiFunction;
import java.util.Map;

/**
 * {@code /api/v1/pipelines}: apply (create or update by name; 400 listing every problem with its path), list, show,
 * run with parameters, list a pipeline's runs; {@code /api/v1/pipeline-runs}: every run, one run with its steps
 * (statuses, durations, params, outputs, logs), cancel. Applying a pipeline with a {@code command} step needs the
 * admin role, since that step runs a process as the server's user.
 */
final class PipelineApi implements ApiRoutes {
    private final PipelineService pipelines;
    private final BiFunction<String, String, PipelineService.AppliedPipeline> apply;

    /** @param apply validates, stores and primes the triggers of a pipeline ({@link WorkflowSystem#apply}) */
    PipelineApi(PipelineService pipelines, BiFunction<String, String, PipelineService.AppliedPipeline> apply) {
        this.pipelines = requireNonNull(pipelines, "pipelines is null");
        this.apply = requireNonNull(apply, "apply is null");
    }

    /** {@code spec}: the pipeline as YAML/JSON text, or as a JSON object. */
    record Apply(JsonNode spec) {}

    /** {@code params}: values for the pipeline's declared parameters. */
    record Run(Map<String, Object> params) {}

    @Override
    public void register(ApiRouter router) {
        router.post("/pipelines", Role.EDITOR, request -> {
            JsonNode spec = request.body(Apply.class).spec();
            if (spec == null || spec.isNull()) {
                throw KeelException.invalid("spec: null (expected: the pipeline as YAML/JSON text or a JSON object)");
            }
            String text = spec.isTextual() ? spec.asText() : spec.toString();
            if (pipelines.parse(text).steps().stream().anyMatch(step -> step.type().equals("command"))) {
                request.requireRole(Role.ADMIN);
            }
            PipelineService.AppliedPipeline applied = apply.apply(text, request.principal().name());
            PipelineView view = PipelineView.of(applied);
            return applied.pipeline().version() == 1 ? ApiResponse.created(view) : ApiResponse.ok(view);
        });
        router.get("/pipelines", Role.VIEWER, request -> new PipelineList(pipelines.list().stream()
                .map(PipelineView::of).toList()));
        router.get("/pipelines/{name}", Role.VIEWER, request -> PipelineView.of(pipelines.get(request.pathParam("name"))));
        router.post("/pipelines/{name}/runs", Role.EDITOR, request -> {
            Run body = request.contentLength() == 0 ? new Run(Map.of()) : request.body(Run.class);
            Map<String, String> params = new LinkedHashMap<>();
            if (body.params() != null) {
                body.params().forEach((key, value) -> params.put(key, value == null ? null : String.valueOf(value)));
            }
            params.values().removeIf(java.util.Objects::isNull);
            var run = pipelines.run(request.pathParam("name"), params, request.principal().name());
            return ApiResponse.created(RunView.of(pipelines.run(run.id())));
        });
        router.get("/pipelines/{name}/runs", Role.VIEWER, request -> new RunList(pipelines.runs(
                        java.util.Optional.of(request.pathParam("name")), request.queryInt("limit", 50, 1, 1000))
                .stream().map(run -> RunView.of(run, null)).toList()));
        router.get("/pipeline-runs", Role.VIEWER, request -> new RunList(pipelines.runs(request.query("pipeline"),
                        request.queryInt("limit", 50, 1, 1000))
                .stream().map(run -> RunView.of(run, null)).toList()));
        router.get("/pipeline-runs/{id}", Role.VIEWER, request -> RunView.of(pipelines.run(request.pathParam("id"))));
        router.post("/pipeline-runs/{id}/cancel", Role.EDITOR, request -> RunView.of(pipelines.cancel(
                request.pathParam("id"), request.principal().name())));
    }
}
