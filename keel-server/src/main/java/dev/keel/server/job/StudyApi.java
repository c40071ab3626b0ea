package dev.keel.server.job;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.core.error.KeelException;
import dev.keel.server.auth.Role;
import dev.keel.server.http.ApiResponse;
import dev.keel.server.http.ApiRouter;
import dev.keel.server.http.ApiRoutes;
import dev.keel.train.study.Study;
import dev.keel.train.study.StudyService;
import dev.keel.train.study.Trial;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/studies}: create (from the study as YAML/JSON text or an object), list, show (best trial and every trial), cancel. */
public final class StudyApi implements ApiRoutes {
    private final StudyService studies;

    public StudyApi(StudyService studies) {
        this.studies = requireNonNull(studies, "studies is null");
    }

    record CreateStudy(JsonNode study) {}

    record TrialView(int index, String state, Map<String, JsonNode> params, Double objective, String jobId) {
        static TrialView of(Trial trial) {
            return new TrialView(trial.index(), trial.state().wireName(), trial.params(), trial.objective(), trial.jobId());
        }
    }

    record StudyView(String id, String name, String state, String reason, String objectiveMetric, String direction,
            String algorithm, int maxTrials, int parallelism, String createdBy, Instant createdAt, Instant endedAt,
            TrialView best, List<TrialView> trials) {}

    record StudyList(List<StudyView> studies) {}

    @Override
    public void register(ApiRouter router) {
        router.post("/studies", Role.EDITOR, request -> {
            JsonNode body = request.body(CreateStudy.class).study();
            if (body == null || body.isNull()) {
                throw KeelException.invalid("study: null (expected: the study as YAML/JSON text or a JSON object)");
            }
            Study study = studies.create(body.isTextual() ? body.asText() : body.toString(), request.principal().name());
            return ApiResponse.created(view(study, true));
        });
        router.get("/studies", Role.VIEWER, request -> new StudyList(studies.list(
                request.queryInt("limit", 100, 1, 1000), request.queryInt("offset", 0, 0, Integer.MAX_VALUE))
                .stream().map(study -> view(study, false)).toList()));
        router.get("/studies/{id}", Role.VIEWER, request -> view(studies.get(request.pathParam("id")), true));
        router.post("/studies/{id}/cancel", Role.EDITOR, request -> view(studies.cancel(request.pathParam("id"),
                request.principal().name()), true));
    }

    private StudyView view(Study study, boolean withTrials) {
        TrialView best = studies.best(study.id()).map(TrialView::of).orElse(null);
        List<TrialView> trials = withTrials ? studies.trials(study.id()).stream().map(TrialView::of).toList() : List.of();
        return new StudyView(study.id(), study.name(), study.state().wireName(), study.reason(), study.objectiveMetric(),
                study.direction(), study.algorithm(), study.maxTrials(), study.parallelism(), study.createdBy(),
                study.createdAt(), study.endedAt(), best, trials);
    }
}
