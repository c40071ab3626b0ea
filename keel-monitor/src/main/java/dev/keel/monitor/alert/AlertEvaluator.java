package dev.keel.monitor.alert;

import static java.util.Objects.requireNonNull;

import dev.keel.monitor.series.QueryResult;
import dev.keel.monitor.series.SeriesQueries;
import dev.keel.monitor.series.SeriesQuery;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every rule (run it on a schedule): the rule's series aggregated over its window gives one value;
 * the state machine in {@link AlertState} decides; a transition to firing or resolved is stored as an event,
 * logged and posted to the rule's webhook. The value is computed per endpoint, model, version, feature,
 * quantile and class; when several of those match, the worst (largest for {@code >} rules, smallest for
 * {@code <}) decides, so "any endpoint drifting" is one rule.
 */
public final class AlertEvaluator {
    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);

    private final AlertRepository alerts;
    private final SeriesQueries queries;
    private final WebhookNotifier webhooks;
    private final Clock clock;
    private final RandomGenerator random;

    public AlertEvaluator(AlertRepository alerts, SeriesQueries queries, WebhookNotifier webhooks, Clock clock,
            RandomGenerator random) {
        this.alerts = requireNonNull(alerts, "alerts is null");
        this.queries = requireNonNull(queries, "queries is null");
        this.webhooks = requireNonNull(webhooks, "webhooks is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.random = requireNonNull(random, "random is null");
    }

    /** Evaluates all rules once; returns the events emitted. One broken rule does not stop the others. */
    public List<AlertEvent> evaluateAll() {
        List<AlertEvent> emitted = new java.util.ArrayList<>();
        for (AlertRule rule : alerts.rules()) {
            try {
                evaluate(rule).ifPresent(emitted::add);
            } catch (RuntimeException e) {
                log.warn("alert rule {} could not be evaluated: {}", rule.name(), e.toString());
            }
        }
        return emitted;
    }

    /** The rule's current value: its aggregation over the window, worst label set first; empty without data. */
    public Optional<Double> value(AlertRule rule) {
        long now = clock.millis();
        long from = now - rule.window().toMillis();
        QueryResult result = queries.query(new SeriesQuery(rule.metric(), rule.match(), from, now + 1,
                rule.window().plusMillis(1), rule.aggregation(), List.of("endpoint", "model", "version", "feature", "quantile", "class")));
        boolean high = rule.comparison() == Comparison.GT || rule.comparison() == Comparison.GE;
        return result.series().stream().flatMap(s -> s.points().stream()).map(QueryResult.Point::value)
                .reduce((a, b) -> high ? Math.max(a, b) : Math.min(a, b));
    }

    Optional<AlertEvent> evaluate(AlertRule rule) {
        long now = clock.millis();
        Optional<Double> value = value(rule);
        boolean holds = value.isPresent() && rule.comparison().holds(value.get(), rule.threshold());
        Optional<AlertState> stored = alerts.state(rule.id());
        AlertState current = stored.orElse(AlertState.ok(now));
        AlertState.Step step = current.next(holds, now, rule);
        if (stored.isPresent() && step.state().equals(current)) {
            return Optional.empty();
        }
        Optional<AlertEvent> event = step.event().map(state -> event(rule, state, value.orElse(null), now));
        if (!alerts.transition(rule.id(), stored, step.state(), value.orElse(null), event)) {
            return Optional.empty(); // another server evaluated this rule first
        }
        event.ifPresent(e -> {
            log.warn("alert {} {} [{}]: {}", rule.name(), e.state(), rule.severity(), e.message());
            rule.webhook().ifPresent(uri -> webhooks.send(uri, e));
        });
        return event;
    }

    private AlertEvent event(AlertRule rule, String state, Double value, long now) {
        Map<String, String> labels = new LinkedHashMap<>(rule.match());
        labels.putAll(rule.labels());
        String message = rule.describe() + (value == null ? " (no data)" : " (value " + value + ")");
        byte[] id = new byte[16];
        random.nextBytes(id);
        return new AlertEvent(HexFormat.of().formatHex(id), rule.id(), rule.name(), state, rule.severity(), value,
                rule.threshold(), labels, message, now);
    }
}
