package dev.keel.server.monitor;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.core.error.KeelException;
import dev.keel.core.error.Problems;
import dev.keel.monitor.alert.AlertEvent;
import dev.keel.monitor.alert.AlertRuleJson;
import dev.keel.monitor.drift.DriftScore;
import dev.keel.monitor.drift.ServedModel;
import dev.keel.monitor.series.Aggregation;
import dev.keel.monitor.series.Labels;
import dev.keel.monitor.series.QueryResult;
import dev.keel.monitor.series.SeriesQuery;
import dev.keel.server.auth.Role;
import dev.keel.server.http.ApiRequest;
import dev.keel.server.http.ApiResponse;
import dev.keel.server.http.ApiRouter;
import dev.keel.server.http.ApiRoutes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics store over HTTP: {@code /metrics/query} and {@code /metrics/series} (viewer), {@code /drift}
 * (viewer), {@code /alerts/rules} (viewer reads, editor writes) and {@code /alerts/events} (viewer).
 */
final class MonitorApi implements ApiRoutes {
    private final MonitorModule monitor;
    private final Clock clock;

    MonitorApi(MonitorModule monitor, Clock clock) {
        this.monitor = requireNonNull(monitor, "monitor is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void register(ApiRouter router) {
        router.get("/metrics/query", Role.VIEWER, request -> view(monitor.queries().query(query(request))));
        router.get("/metrics/series", Role.VIEWER, request -> {
            List<Map<String, Object>> series = new ArrayList<>();
            monitor.series().series(request.query("name").orElse(null)).forEach((name, labels) -> series.add(
                    Map.of("name", name, "labels", labels.stream().map(Labels::values).toList())));
            return Map.of("series", series);
        });
        router.get("/drift", Role.VIEWER, request -> drift(request));
        router.get("/alerts/rules", Role.VIEWER, request -> Map.of("rules",
                monitor.alerts().rules().stream().map(AlertRuleJson::toMap).toList()));
        router.post("/alerts/rules", Role.EDITOR, request -> ApiResponse.created(AlertRuleJson.toMap(
                monitor.alerts().create(AlertRuleJson.parse(monitor.newId(), request.body(JsonNode.class))))));
        router.get("/alerts/rules/{rule}", Role.VIEWER, request -> AlertRuleJson.toMap(
                monitor.alerts().findRule(request.pathParam("rule"))
                        .orElseThrow(() -> KeelException.notFound("alert rule " + request.pathParam("rule")))));
        router.delete("/alerts/rules/{rule}", Role.EDITOR, request -> {
            monitor.alerts().delete(request.pathParam("rule"));
            return null;
        });
        router.get("/alerts/events", Role.VIEWER, request -> {
            long since = request.query("since").map(s -> TimeArguments.instant("since", s, clock.millis())).orElse(0L);
            int limit = request.queryInt("limit", 100, 1, 10_000);
            return Map.of("events", monitor.alerts().events(request.query("rule"), since, limit).stream()
                    .map(MonitorApi::view).toList());
        });
    }

    private SeriesQuery query(ApiRequest request) {
        long now = clock.millis();
        Problems problems = new Problems();
        String name = request.query("name").orElse(null);
        long from = parse(problems, () -> TimeArguments.instant("from", request.query("from").orElse("-1h"), now), 0L);
        long to = parse(problems, () -> TimeArguments.instant("to", request.query("to").orElse("now"), now), now);
        Duration step = parse(problems, () -> TimeArguments.duration("step", request.query("step").orElse("1m")),
                Duration.ofMinutes(1));
        Aggregation aggregation = parse(problems, () -> Aggregation.parse(request.query("agg").orElse("avg")),
                Aggregation.AVG);
        Map<String, String> match = new TreeMap<>();
        for (String pair : request.query("labels").map(s -> s.split(",")).orElse(new String[0])) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                problems.add("labels", pair, "name=value pairs separated by commas");
            } else {
                match.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        List<String> groupBy = request.query("groupBy").map(s -> Arrays.stream(s.split(","))
                .map(String::trim).filter(g -> !g.isEmpty()).toList()).orElse(List.of());
        if (name == null || name.isBlank()) {
            problems.add("name", name, "a metric name");
        }
        problems.throwIfAny("metrics query");
        // The record re-checks the range and step, naming them.
        return new SeriesQuery(name, match, from, to, step, aggregation, groupBy);
    }

    private static <T> T parse(Problems problems, java.util.function.Supplier<T> parser, T fallback) {
        try {
            return parser.get();
        } catch (KeelException e) {
            problems.add(e.getMessage());
            return fallback;
        }
    }

    private Map<String, Object> drift(ApiRequest request) {
        String endpoint = request.query("endpoint")
                .orElseThrow(() -> KeelException.invalid("endpoint: missing (expected: an endpoint name)"));
        ServedModel served = monitor.drift().served().stream().filter(s -> s.endpoint().equals(endpoint)).findFirst()
                .orElseThrow(() -> KeelException.notFound("endpoint " + endpoint));
        List<DriftScore> scores = monitor.drift().score(served);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("endpoint", served.endpoint());
        body.put("model", served.model());
        body.put("version", served.version());
        body.put("window", monitor.drift().window().toString());
        body.put("scores", scores.stream().map(s -> {
            Map<String, Object> score = new LinkedHashMap<>();
            score.put("feature", s.feature());
            score.put("method", s.method());
            score.put("value", s.value());
            score.put("referenceSize", s.referenceSize());
            score.put("liveSize", s.liveSize());
            return score;
        }).toList());
        return body;
    }

    private static Map<String, Object> view(QueryResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", result.name());
        body.put("resolution", result.resolution().label());
        body.put("step", result.step().toString());
        body.put("agg", result.aggregation().jsonName());
        body.put("series", result.series().stream().map(s -> Map.of("labels", s.labels().values(),
                "points", s.points().stream().map(p -> List.of(p.timestampMillis(), p.value())).toList())).toList());
        return body;
    }

    private static Map<String, Object> view(AlertEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id());
        body.put("rule", event.ruleName());
        body.put("ruleId", event.ruleId());
        body.put("state", event.state());
        body.put("severity", event.severity());
        body.put("value", event.value());
        body.put("threshold", event.threshold());
        body.put("labels", new TreeMap<>(event.labels()));
        body.put("message", event.message());
        body.put("at", Instant.ofEpochMilli(event.at()).toString());
        return body;
    }
}
