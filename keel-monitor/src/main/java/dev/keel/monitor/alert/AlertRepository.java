package dev.keel.monitor.alert;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.store.metadata.MetadataStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Alert rules, the evaluator's per-rule state and the alert events, in the metadata store. */
public final class AlertRepository {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetadataStore store;
    private final Clock clock;

    public AlertRepository(MetadataStore store, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Stores a new rule; ALREADY_EXISTS if its name is taken. */
    public AlertRule create(AlertRule rule) {
        if (findRule(rule.name()).isPresent()) {
            throw new KeelException(ErrorCode.ALREADY_EXISTS, "alert rule " + rule.name() + " already exists");
        }
        store.inTransaction(handle -> handle.createUpdate("""
                        INSERT INTO monitor_alert_rules (id, name, spec, created_at) VALUES (:id, :name, :spec, :at)""")
                .bind("id", rule.id()).bind("name", rule.name()).bind("spec", AlertRuleJson.write(rule))
                .bind("at", clock.millis()).execute());
        return rule;
    }

    public List<AlertRule> rules() {
        return store.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT spec FROM monitor_alert_rules ORDER BY name")
                .mapTo(String.class).list()).stream().map(AlertRuleJson::read).toList();
    }

    /** By id or by name. */
    public Optional<AlertRule> findRule(String idOrName) {
        return store.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT spec FROM monitor_alert_rules WHERE id = :key OR name = :key")
                .bind("key", idOrName).mapTo(String.class).findFirst()).map(AlertRuleJson::read);
    }

    /** Deletes a rule (by id or name) and its state; its past events stay. NOT_FOUND if there is none. */
    public void delete(String idOrName) {
        AlertRule rule = findRule(idOrName).orElseThrow(() -> KeelException.notFound("alert rule " + idOrName));
        store.inTransaction(handle -> {
            handle.createUpdate("DELETE FROM monitor_alert_states WHERE rule_id = :id").bind("id", rule.id()).execute();
            return handle.createUpdate("DELETE FROM monitor_alert_rules WHERE id = :id").bind("id", rule.id()).execute();
        });
    }

    public Optional<AlertState> state(String ruleId) {
        return store.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT state, since FROM monitor_alert_states WHERE rule_id = :id")
                .bind("id", ruleId)
                .map((rs, ctx) -> new AlertState(AlertState.Phase.valueOf(rs.getString("state")), rs.getLong("since")))
                .findFirst());
    }

    /**
     * Moves a rule from {@code expected} (empty: no row yet) to {@code next} and stores {@code event} with it, in
     * one transaction, only if the stored state still is {@code expected}: when two servers evaluate the same
     * rule, one transition wins and the event is stored once. Returns whether this call won.
     */
    public boolean transition(String ruleId, Optional<AlertState> expected, AlertState next, Double value,
            Optional<AlertEvent> event) {
        return store.inTransaction(handle -> {
            int changed;
            if (expected.isEmpty()) {
                int exists = handle.createQuery("SELECT COUNT(*) FROM monitor_alert_states WHERE rule_id = :id")
                        .bind("id", ruleId).mapTo(Integer.class).one();
                changed = exists > 0 ? 0 : handle.createUpdate("""
                                INSERT INTO monitor_alert_states (rule_id, state, since, last_value, updated_at)
                                VALUES (:id, :state, :since, :value, :at)""")
                        .bind("id", ruleId).bind("state", next.phase().name()).bind("since", next.since())
                        .bind("value", value).bind("at", clock.millis()).execute();
            } else {
                changed = handle.createUpdate("""
                                UPDATE monitor_alert_states SET state = :state, since = :since, last_value = :value,
                                    updated_at = :at
                                WHERE rule_id = :id AND state = :oldState AND since = :oldSince""")
                        .bind("id", ruleId).bind("state", next.phase().name()).bind("since", next.since())
                        .bind("value", value).bind("at", clock.millis())
                        .bind("oldState", expected.get().phase().name()).bind("oldSince", expected.get().since())
                        .execute();
            }
            if (changed == 0) {
                return false;
            }
            event.ifPresent(e -> handle.createUpdate("""
                            INSERT INTO monitor_alert_events (id, rule_id, rule_name, state, severity, value, threshold,
                                labels, message, at)
                            VALUES (:id, :ruleId, :ruleName, :state, :severity, :value, :threshold, :labels, :message, :at)""")
                    .bind("id", e.id()).bind("ruleId", e.ruleId()).bind("ruleName", e.ruleName())
                    .bind("state", e.state()).bind("severity", e.severity()).bind("value", e.value())
                    .bind("threshold", e.threshold()).bind("labels", json(e.labels())).bind("message", e.message())
                    .bind("at", e.at()).execute());
            return true;
        });
    }

    /** Events newest first, at most {@code limit}, optionally of one rule (id or name) and since a time. */
    public List<AlertEvent> events(Optional<String> rule, long since, int limit) {
        return store.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT * FROM monitor_alert_events
                        WHERE at >= :since AND (:rule = '' OR rule_id = :rule OR rule_name = :rule)
                        ORDER BY at DESC, id DESC LIMIT :limit""")
                .bind("since", since).bind("rule", rule.orElse("")).bind("limit", limit)
                .map((rs, ctx) -> {
                    double value = rs.getDouble("value");
                    Double boxed = rs.wasNull() ? null : value;
                    return new AlertEvent(rs.getString("id"), rs.getString("rule_id"), rs.getString("rule_name"),
                            rs.getString("state"), rs.getString("severity"), boxed, rs.getDouble("threshold"),
                            parse(rs.getString("labels")), rs.getString("message"), rs.getLong("at"));
                })
                .list());
    }

    private static String json(Map<String, String> labels) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(labels));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<TreeMap<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
