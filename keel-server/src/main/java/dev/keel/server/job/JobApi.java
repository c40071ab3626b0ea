package dev.keel.server.job;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import dev.keel.core.error.KeelException;
import dev.keel.server.auth.Role;
import dev.keel.server.http.ApiRequest;
import dev.keel.server.http.ApiResponse;
import dev.keel.server.http.ApiRouter;
import dev.keel.server.http.ApiRoutes;
import dev.keel.server.job.JobViews.JobList;
import dev.keel.server.job.JobViews.JobView;
import dev.keel.server.job.JobViews.LogView;
import dev.keel.train.job.JobProgress;
import dev.keel.train.job.JobService;
import dev.keel.train.job.JobState;
import dev.keel.train.job.JobSubmission;
import dev.keel.train.job.LogChunk;
import dev.keel.train.job.WorkerReport;
import java.util.Optional;

/**
 * {@code /api/v1/jobs}: submit (the spec is validated first: 400 listing every problem; 404 for a missing dataset
 * version), list, show, cancel, resume and logs; plus the two routes a worker calls with its job-scoped token,
 * {@code GET /jobs/{id}/assignment} and {@code POST /jobs/{id}/report}.
 */
public final class JobApi implements ApiRoutes {
    private static final int MAX_LOG_CHUNK = 1024 * 1024;

    private final JobService jobs;

    public JobApi(JobService jobs) {
        this.jobs = requireNonNull(jobs, "jobs is null");
    }

    /** {@code spec}: the spec as YAML/JSON text, or as a JSON object. */
    record SubmitJob(JsonNode spec, String experiment, String runName) {}

    record Report(String state, String reason, JobProgress progress) {}

    @Override
    public void register(ApiRouter router) {
        router.post("/jobs", Role.EDITOR, request -> {
            SubmitJob body = request.body(SubmitJob.class);
            return ApiResponse.created(JobView.of(jobs.submit(new JobSubmission(specText(body.spec()),
                    body.experiment(), body.runName(), null, request.principal().name()))));
        });
        router.get("/jobs", Role.VIEWER, request -> new JobList(jobs.list(
                request.query("state").map(s -> JobState.parse("state", s)), request.query("study"),
                request.queryInt("limit", 100, 1, 1000), request.queryInt("offset", 0, 0, Integer.MAX_VALUE))
                .stream().map(JobView::of).toList()));
        router.get("/jobs/{id}", Role.VIEWER, request -> JobView.of(jobs.get(request.pathParam("id"))));
        router.post("/jobs/{id}/cancel", Role.EDITOR, request -> JobView.of(jobs.cancel(request.pathParam("id"),
                request.principal().name(), null)));
        router.post("/jobs/{id}/resume", Role.EDITOR, request -> JobView.of(jobs.resume(request.pathParam("id"),
                request.principal().name())));
        router.streaming(HttpMethod.GET, "/jobs/{id}/logs", Role.VIEWER, this::logs);
        router.get("/jobs/{id}/assignment", Role.EDITOR, request -> jobs.assignment(request.pathParam("id"),
                request.principal().tokenId(), request.principal().role() == Role.ADMIN));
        router.post("/jobs/{id}/report", Role.EDITOR, request -> {
            Report body = request.body(Report.class);
            WorkerReport report = new WorkerReport(body.state() == null ? null : JobState.parse("state", body.state()),
                    body.reason(), body.progress());
            return JobView.of(jobs.report(request.pathParam("id"), request.principal().tokenId(),
                    request.principal().role() == Role.ADMIN, report));
        });
    }

    private Object logs(ApiRequest request) {
        String id = request.pathParam("id");
        long offset = Long.parseLong(request.query("offset").orElse("0"));
        if (offset < 0) {
            throw KeelException.invalid("offset: " + offset + " (expected: >= 0)");
        }
        if (request.query("follow").map(Boolean::parseBoolean).orElse(false)) {
            jobs.get(id);
            return request.streamResponse(MediaType.PLAIN_TEXT_UTF_8, -1, new LogFollower(jobs, id, offset));
        }
        int max = request.queryInt("maxBytes", MAX_LOG_CHUNK, 1, MAX_LOG_CHUNK);
        String state = jobs.get(id).state().wireName();
        LogChunk chunk = jobs.logs(id, offset, max);
        return new LogView(chunk.offset(), chunk.nextOffset(), chunk.text(), state);
    }

    static String specText(JsonNode spec) {
        if (spec == null || spec.isNull() || spec.isMissingNode()) {
            throw KeelException.invalid("spec: null (expected: the training spec as YAML/JSON text or a JSON object)");
        }
        return spec.isTextual() ? spec.asText() : spec.toString();
    }

    static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
