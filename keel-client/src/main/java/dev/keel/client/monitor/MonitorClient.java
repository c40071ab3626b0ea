package dev.keel.client.monitor;

import static java.util.Objects.requireNonNull;

import dev.keel.client.KeelClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code /api/v1/metrics}, {@code /api/v1/drift} and {@code /api/v1/alerts}. */
public final class MonitorClient {
    private final KeelClient client;

    public MonitorClient(KeelClient client) {
        this.client = requireNonNull(client, "client is null");
    }

    public MetricsResult query(MetricsQuery query) {
        List<String> params = new ArrayList<>();
        params.add("name=" + encode(query.name()));
        if (!query.labels().isEmpty()) {
            List<String> pairs = new ArrayList<>();
            new TreeMap<>(query.labels()).forEach((k, v) -> pairs.add(k + "=" + v));
            params.add("labels=" + encode(String.join(",", pairs)));
        }
        query.from().ifPresent(v -> params.add("from=" + encode(v)));
        query.to().ifPresent(v -> params.add("to=" + encode(v)));
        query.step().ifPresent(v -> params.add("step=" + encode(v)));
        query.aggregation().ifPresent(v -> params.add("agg=" + encode(v)));
        if (!query.groupBy().isEmpty()) {
            params.add("groupBy=" + encode(String.join(",", query.groupBy())));
        }
        return client.get("/api/v1/metrics/query?" + String.join("&", params), MetricsResult.class);
    }

    /** Metric names with their label sets. */
    public List<SeriesInfo> series(Optional<String> name) {
        return client.get("/api/v1/metrics/series" + name.map(n -> "?name=" + encode(n)).orElse(""), SeriesList.class)
                .series();
    }

    public DriftReport drift(String endpoint) {
        return client.get("/api/v1/drift?endpoint=" + encode(endpoint), DriftReport.class);
    }

    /** Creates a rule from its JSON form (see the API docs: name, metric, match, aggregation, condition, …). */
    public AlertRuleInfo createRule(Map<String, Object> rule) {
        return client.post("/api/v1/alerts/rules", rule, AlertRuleInfo.class);
    }

    public List<AlertRuleInfo> rules() {
        return client.get("/api/v1/alerts/rules", RuleList.class).rules();
    }

    public void deleteRule(String idOrName) {
        client.delete("/api/v1/alerts/rules/" + KeelClient.segment(idOrName));
    }

    public List<AlertEventInfo> events(Optional<String> rule, Optional<String> since, int limit) {
        List<String> params = new ArrayList<>();
        rule.ifPresent(r -> params.add("rule=" + encode(r)));
        since.ifPresent(s -> params.add("since=" + encode(s)));
        params.add("limit=" + limit);
        return client.get("/api/v1/alerts/events?" + String.join("&", params), EventList.class).events();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public record SeriesInfo(String name, List<Map<String, String>> labels) {}

    record SeriesList(List<SeriesInfo> series) {}

    record RuleList(List<AlertRuleInfo> rules) {}

    record EventList(List<AlertEventInfo> events) {}
}
