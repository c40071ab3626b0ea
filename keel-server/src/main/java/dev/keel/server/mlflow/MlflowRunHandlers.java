package dev.keel.server.mlflow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.core.error.KeelException;
import dev.keel.train.tracking.MetricPoint;
import dev.keel.train.tracking.NewRun;
import dev.keel.train.tracking.PageTokens;
import dev.keel.train.tracking.RunInfo;
import dev.keel.train.tracking.RunPage;
import dev.keel.train.tracking.RunQuery;
import dev.keel.train.tracking.RunStatus;
import dev.keel.train.tracking.RunUpdate;
import dev.keel.train.tracking.TrackingService;
import dev.keel.train.tracking.ViewType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** MLflow's {@code runs/*} and {@code metrics/get-history} endpoints. */
final class MlflowRunHandlers {
    private static final int HISTORY_PAGE = 25_000;

    private final TrackingService tracking;
    private final MlflowJson shapes;
    private final Clock clock;

    MlflowRunHandlers(TrackingService tracking, MlflowJson shapes, Clock clock) {
        this.tracking = requireNonNull(tracking, "tracking is null");
        this.shapes = requireNonNull(shapes, "shapes is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    JsonNode create(MlflowRequest request) {
        String experimentId = request.string("experiment_id").filter(s -> !s.isEmpty())
                .orElse(TrackingService.DEFAULT_EXPERIMENT_ID);
        String user = request.string("user_id").filter(s -> !s.isEmpty()).orElse(request.principal().name());
        Instant start = request.int64("start_time").map(Instant::ofEpochMilli).orElse(null);
        Map<String, String> tags = MlflowJson.keyValueList("tags", request.body().path("tags"));
        String name = request.string("run_name").filter(s -> !s.isEmpty()).orElse(null);
        var run = tracking.createRun(NewRun.of(experimentId, name, user, start, tags));
        ObjectNode answer = shapes.object();
        answer.set("run", shapes.run(run));
        return answer;
    }

    JsonNode get(MlflowRequest request) {
        ObjectNode answer = shapes.object();
        answer.set("run", shapes.run(tracking.getRun(runId(request))));
        return answer;
    }

    JsonNode update(MlflowRequest request) {
        RunStatus status = request.string("status").map(s -> RunStatus.parse("status", s)).orElse(null);
        Instant end = request.int64("end_time").map(Instant::ofEpochMilli).orElse(null);
        String name = request.string("run_name").filter(s -> !s.isEmpty()).orElse(null);
        RunInfo info = tracking.updateRun(runId(request), new RunUpdate(name, status, null, end));
        ObjectNode answer = shapes.object();
        answer.set("run_info", shapes.runInfo(info));
        return answer;
    }

    JsonNode search(MlflowRequest request) {
        List<String> experimentIds = request.strings("experiment_ids");
        if (experimentIds.isEmpty()) {
            throw MlflowRequest.missing("experiment_ids");
        }
        int maxResults = request.int64("max_results").map(Long::intValue).orElse(RunQuery.DEFAULT_MAX_RESULTS);
        ViewType view = ViewType.parse("run_view_type", request.string("run_view_type").orElse(null));
        RunPage page = tracking.searchRuns(new RunQuery(experimentIds, request.string("filter").orElse(null),
                request.strings("order_by"), view, maxResults, request.string("page_token").orElse(null)));
        ObjectNode answer = shapes.object();
        ArrayNode runs = answer.putArray("runs");
        page.runs().forEach(run -> runs.add(shapes.run(run)));
        if (page.nextPageToken() != null) {
            answer.put("next_page_token", page.nextPageToken());
        }
        return answer;
    }

    JsonNode delete(MlflowRequest request) {
        tracking.deleteRun(runId(request));
        return shapes.object();
    }

    JsonNode restore(MlflowRequest request) {
        tracking.restoreRun(runId(request));
        return shapes.object();
    }

    JsonNode logMetric(MlflowRequest request) {
        MetricPoint point = new MetricPoint(request.requiredString("key"), request.requiredDouble("value"),
                request.int64("step").orElse(0L), request.int64("timestamp").orElse(clock.millis()));
        tracking.logMetric(runId(request), point);
        return shapes.object();
    }

    JsonNode logParameter(MlflowRequest request) {
        tracking.logParam(runId(request), request.requiredString("key"), request.string("value").orElse(""));
        return shapes.object();
    }

    JsonNode setTag(MlflowRequest request) {
        tracking.setTag(runId(request), request.requiredString("key"), request.string("value").orElse(""));
        return shapes.object();
    }

    JsonNode deleteTag(MlflowRequest request) {
        tracking.deleteTag(runId(request), request.requiredString("key"));
        return shapes.object();
    }

    JsonNode logBatch(MlflowRequest request) {
        JsonNode body = request.body();
        tracking.logBatch(runId(request), MlflowJson.metricList(body.path("metrics"), clock.millis()),
                MlflowJson.keyValueList("params", body.path("params")), MlflowJson.keyValueList("tags", body.path("tags")));
        return shapes.object();
    }

    JsonNode metricHistory(MlflowRequest request) {
        String runId = runId(request);
        String key = request.requiredString("metric_key");
        int maxResults = request.int64("max_results").map(Long::intValue).orElse(HISTORY_PAGE);
        if (maxResults < 1) {
            throw KeelException.invalid("max_results: " + maxResults + " (expected: >= 1)");
        }
        int offset = PageTokens.decode(request.string("page_token").orElse(null));
        List<MetricPoint> points = tracking.metricHistory(runId, key, offset, maxResults + 1);
        ObjectNode answer = shapes.object();
        ArrayNode metrics = answer.putArray("metrics");
        points.stream().limit(maxResults).forEach(point -> metrics.add(shapes.metric(point)));
        if (points.size() > maxResults) {
            answer.put("next_page_token", PageTokens.encode(offset + maxResults));
        }
        return answer;
    }

    /** MLflow accepts the deprecated {@code run_uuid} where {@code run_id} is missing. */
    private static String runId(MlflowRequest request) {
        return request.string("run_id").filter(s -> !s.isEmpty())
                .or(() -> request.string("run_uuid").filter(s -> !s.isEmpty()))
                .orElseThrow(() -> MlflowRequest.missing("run_id"));
    }
}
