package dev.keel.workflow.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.error.KeelException;
import dev.keel.store.metadata.MetadataStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Pipeline runs and step runs. Every change of a step's state is a conditional UPDATE on what the caller last
 * saw (state, owner, attempt), so when two servers race only one wins; the methods say whether the caller won.
 */
public final class RunRepository {
    static final int MAX_LOG_CHARS = 64 * 1024;
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final MetadataStore store;
    private final ObjectMapper json = new ObjectMapper();

    public RunRepository(MetadataStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** One step row to create with a run. */
    record NewStep(String name, String type, int maxAttempts) {}

    /**
     * Inserts the run and its steps (all PENDING). With a trigger, first advances the trigger's last value from
     * {@code expected} to {@code value}; when another server advanced it first, nothing is inserted and this
     * answers false.
     */
    boolean insert(PipelineRun run, String dedupeKey, List<NewStep> steps, Optional<TriggerAdvance> advance) {
        try {
            return store.inTransaction(handle -> {
                if (advance.isPresent() && !advance.get().apply(handle, run.createdAt())) {
                    return false;
                }
                long now = run.createdAt().toEpochMilli();
                handle.createUpdate("""
                                INSERT INTO pipeline_runs (id, pipeline_id, pipeline_name, pipeline_version, spec_text,
                                    state, reason, params_json, trigger_json, dedupe_key, created_by, created_at,
                                    updated_at)
                                VALUES (:id, :pid, :pname, :pversion, :spec, :state, :reason, :params, :trigger, :dedupe,
                                    :by, :now, :now)""")
                        .bind("id", run.id()).bind("pid", run.pipelineId()).bind("pname", run.pipelineName())
                        .bind("pversion", run.pipelineVersion()).bind("spec", run.specText())
                        .bind("state", run.state().name()).bind("reason", run.reason())
                        .bind("params", write(run.params())).bind("trigger", write(run.trigger()))
                        .bind("dedupe", dedupeKey).bind("by", run.createdBy()).bind("now", now).execute();
                int position = 0;
                for (NewStep step : steps) {
                    handle.createUpdate("""
                                    INSERT INTO step_runs (run_id, step_name, step_type, position, state, reason, attempt,
                                        max_attempts, log_text, updated_at)
                                    VALUES (:run, :name, :type, :pos, 'PENDING', 'waiting for upstream steps', 0, :max,
                                        '', :now)""")
                            .bind("run", run.id()).bind("name", step.name()).bind("type", step.type())
                            .bind("pos", position++).bind("max", step.maxAttempts()).bind("now", now).execute();
                }
                return true;
            });
        } catch (KeelException e) {
            if (e.code() == dev.keel.core.error.ErrorCode.ALREADY_EXISTS && dedupeKey != null) {
                return false; // another server started the run for this trigger
            }
            throw e;
        }
    }

    /** Compare-and-set of a trigger's last value, run in the transaction that inserts the run it starts. */
    record TriggerAdvance(String pipelineId, String key, String expected, String value) {
        boolean apply(Handle handle, Instant now) {
            String sql = expected == null
                    ? "UPDATE pipeline_triggers SET last_value = :v, updated_at = :now WHERE pipeline_id = :p"
                            + " AND trigger_key = :k AND last_value IS NULL"
                    : "UPDATE pipeline_triggers SET last_value = :v, updated_at = :now WHERE pipeline_id = :p"
                            + " AND trigger_key = :k AND last_value = :e";
            var update = handle.createUpdate(sql).bind("v", value).bind("now", now.toEpochMilli())
                    .bind("p", pipelineId).bind("k", key);
            if (expected != null) {
                update.bind("e", expected);
            }
            return update.execute() == 1;
        }
    }

    public PipelineRun get(String id) {
        return store.jdbi().withHandle(handle -> handle.createQuery("SELECT * FROM pipeline_runs WHERE id = :id")
                        .bind("id", id).map((rs, ctx) -> run(rs)).findOne())
                .orElseThrow(() -> KeelException.notFound("pipeline run " + id));
    }

    public List<PipelineRun> list(Optional<String> pipelineName, int limit) {
        String where = pipelineName.isPresent() ? " WHERE pipeline_name = :name" : "";
        return store.jdbi().withHandle(handle -> {
            var query = handle.createQuery("SELECT * FROM pipeline_runs" + where
                    + " ORDER BY created_at DESC, id LIMIT :limit").bind("limit", limit);
            pipelineName.ifPresent(name -> query.bind("name", name));
            return query.map((rs, ctx) -> run(rs)).list();
        });
    }

    List<PipelineRun> running() {
        return store.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT * FROM pipeline_runs WHERE state = 'RUNNING' ORDER BY created_at")
                .map((rs, ctx) -> run(rs)).list());
    }

    /** Ends a running run; false when it had ended already. */
    boolean finish(String id, RunState state, String reason, Instant now) {
        return store.inTransaction(handle -> handle.createUpdate("""
                        UPDATE pipeline_runs SET state = :state, reason = :reason, ended_at = :now, updated_at = :now
                        WHERE id = :id AND state = 'RUNNING'""")
                .bind("state", state.name()).bind("reason", reason).bind("now", now.toEpochMilli()).bind("id", id)
                .execute()) == 1;
    }

    public List<StepRun> steps(String runId) {
        return store.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT * FROM step_runs WHERE run_id = :run ORDER BY position")
                .bind("run", runId).map((rs, ctx) -> step(rs)).list());
    }

    /** PENDING → RUNNING for {@code owner}, starting attempt {@code seenAttempt + 1}. */
    boolean claim(StepRun seen, String owner, Instant leaseUntil, Instant now) {
        return update("""
                UPDATE step_runs SET state = 'RUNNING', owner = :owner, lease_until = :lease, attempt = attempt + 1,
                    reason = :reason, started_at = :now, ended_at = NULL, updated_at = :now
                WHERE run_id = :run AND step_name = :step AND state = 'PENDING' AND attempt = :attempt""",
                seen, Map.of("owner", owner, "lease", leaseUntil.toEpochMilli(), "now", now.toEpochMilli(),
                        "reason", "running (attempt " + (seen.attempt() + 1) + ")"));
    }

    /**
     * Takes over a RUNNING step whose owner's lease expired; {@code newAttempt} counts the takeover as an attempt
     * (a re-attach to a job does not).
     */
    boolean takeOver(StepRun seen, String owner, Instant leaseUntil, boolean newAttempt, Instant now) {
        return update("""
                UPDATE step_runs SET owner = :owner, lease_until = :lease, attempt = attempt + :inc, reason = :reason,
                    updated_at = :now
                WHERE run_id = :run AND step_name = :step AND state = 'RUNNING' AND attempt = :attempt
                    AND owner = :old AND lease_until < :now""",
                seen, Map.of("owner", owner, "lease", leaseUntil.toEpochMilli(), "inc", newAttempt ? 1 : 0,
                        "old", seen.owner(), "now", now.toEpochMilli(), "reason", newAttempt
                                ? "retrying after its server was lost (attempt " + (seen.attempt() + 1) + ")"
                                : "re-attached after its server was lost"));
    }

    /** Ends a RUNNING step whose owner's lease expired and which has no attempt left. */
    boolean failLost(StepRun seen, String reason, Instant now) {
        return update("""
                UPDATE step_runs SET state = 'FAILED', owner = NULL, reason = :reason, ended_at = :now, updated_at = :now
                WHERE run_id = :run AND step_name = :step AND state = 'RUNNING' AND attempt = :attempt
                    AND owner = :old AND lease_until < :now""",
                seen, Map.of("old", seen.owner(), "now", now.toEpochMilli(), "reason", reason));
    }

    /** Renews the owner's lease and saves the log so far; false when the owner lost the step (cancel, takeover). */
    boolean renew(String runId, String step, String owner, int attempt, Instant leaseUntil, String log, Instant now) {
        return store.inTransaction(handle -> handle.createUpdate("""
                        UPDATE step_runs SET lease_until = :lease, log_text = :log, updated_at = :now
                        WHERE run_id = :run AND step_name = :step AND state = 'RUNNING' AND owner = :owner
                            AND attempt = :attempt""")
                .bind("lease", leaseUntil.toEpochMilli()).bind("log", tail(log)).bind("now", now.toEpochMilli())
                .bind("run", runId).bind("step", step).bind("owner", owner).bind("attempt", attempt).execute()) == 1;
    }

    boolean recordStart(String runId, String step, String owner, int attempt, String paramsJson, Instant now) {
        return ownedUpdate("params_json = :value", runId, step, owner, attempt, paramsJson, now);
    }

    boolean recordExternalRef(String runId, String step, String owner, int attempt, String ref, Instant now) {
        return ownedUpdate("external_ref = :value", runId, step, owner, attempt, ref, now);
    }

    private boolean ownedUpdate(String set, String runId, String step, String owner, int attempt, String value,
            Instant now) {
        return store.inTransaction(handle -> handle.createUpdate("UPDATE step_runs SET " + set
                        + ", updated_at = :now WHERE run_id = :run AND step_name = :step AND state = 'RUNNING'"
                        + " AND owner = :owner AND attempt = :attempt")
                .bind("value", value).bind("now", now.toEpochMilli()).bind("run", runId).bind("step", step)
                .bind("owner", owner).bind("attempt", attempt).execute()) == 1;
    }

    /**
     * Ends the owner's attempt: SUCCEEDED or FAILED, or back to PENDING (a retry after {@code notBefore}). False
     * when the owner no longer held it (the step was cancelled or taken over): the first outcome stands.
     */
    boolean endAttempt(String runId, String step, String owner, int attempt, StepState state, String reason,
            Map<String, String> outputs, String log, Instant notBefore, Instant now) {
        return store.inTransaction(handle -> handle.createUpdate("""
                        UPDATE step_runs SET state = :state, reason = :reason, outputs_json = :outputs, log_text = :log,
                            not_before = :notBefore, owner = NULL, lease_until = NULL, ended_at = :ended,
                            updated_at = :now
                        WHERE run_id = :run AND step_name = :step AND state = 'RUNNING' AND owner = :owner
                            AND attempt = :attempt""")
                .bind("state", state.name()).bind("reason", truncate(reason))
                .bind("outputs", outputs == null ? null : write(outputs)).bind("log", tail(log))
                .bind("notBefore", notBefore == null ? null : notBefore.toEpochMilli())
                .bind("ended", state == StepState.PENDING ? null : now.toEpochMilli())
                .bind("now", now.toEpochMilli()).bind("run", runId).bind("step", step).bind("owner", owner)
                .bind("attempt", attempt).execute()) == 1;
    }

    /** PENDING → SKIPPED (an upstream step did not succeed). */
    boolean skip(StepRun seen, String reason, Instant now) {
        return update("""
                UPDATE step_runs SET state = 'SKIPPED', reason = :reason, ended_at = :now, updated_at = :now
                WHERE run_id = :run AND step_name = :step AND state = 'PENDING' AND attempt = :attempt""",
                seen, Map.of("reason", reason, "now", now.toEpochMilli()));
    }

    /** Cancels the run and every step that has not ended, in one transaction; false when the run had ended. */
    boolean cancel(String runId, String reason, Instant now) {
        return store.inTransaction(handle -> {
            int runs = handle.createUpdate("""
                            UPDATE pipeline_runs SET state = 'CANCELLED', reason = :reason, ended_at = :now,
                                updated_at = :now WHERE id = :id AND state = 'RUNNING'""")
                    .bind("reason", reason).bind("now", now.toEpochMilli()).bind("id", runId).execute();
            if (runs == 0) {
                return false;
            }
            handle.createUpdate("""
                            UPDATE step_runs SET state = 'CANCELLED', reason = :reason, owner = NULL, lease_until = NULL,
                                ended_at = :now, updated_at = :now
                            WHERE run_id = :id AND state IN ('PENDING', 'RUNNING')""")
                    .bind("reason", reason).bind("now", now.toEpochMilli()).bind("id", runId).execute();
            return true;
        });
    }

    private boolean update(String sql, StepRun seen, Map<String, Object> values) {
        return store.inTransaction(handle -> {
            var update = handle.createUpdate(sql).bind("run", seen.runId()).bind("step", seen.stepName())
                    .bind("attempt", seen.attempt());
            values.forEach(update::bind);
            return update.execute();
        }) == 1;
    }

    private PipelineRun run(ResultSet rs) throws SQLException {
        long ended = rs.getLong("ended_at");
        Instant endedAt = rs.wasNull() ? null : Instant.ofEpochMilli(ended);
        return new PipelineRun(rs.getString("id"), rs.getString("pipeline_id"), rs.getString("pipeline_name"),
                rs.getInt("pipeline_version"), rs.getString("spec_text"), RunState.valueOf(rs.getString("state")),
                rs.getString("reason"), read(rs.getString("params_json")), read(rs.getString("trigger_json")),
                rs.getString("created_by"), Instant.ofEpochMilli(rs.getLong("created_at")), endedAt,
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private StepRun step(ResultSet rs) throws SQLException {
        return new StepRun(rs.getString("run_id"), rs.getString("step_name"), rs.getString("step_type"),
                rs.getInt("position"), StepState.valueOf(rs.getString("state")), rs.getString("reason"),
                rs.getInt("attempt"), rs.getInt("max_attempts"), rs.getString("params_json"),
                read(rs.getString("outputs_json")), rs.getString("log_text"), rs.getString("owner"),
                instant(rs, "lease_until"), instant(rs, "not_before"), rs.getString("external_ref"),
                instant(rs, "started_at"), instant(rs, "ended_at"), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    String write(Map<String, String> map) {
        try {
            return json.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> read(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            Map<String, String> map = json.readValue(text, STRING_MAP);
            map.values().removeIf(java.util.Objects::isNull);
            return map;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON unreadable: " + text, e);
        }
    }

    private static String tail(String log) {
        return log.length() <= MAX_LOG_CHARS ? log : log.substring(log.length() - MAX_LOG_CHARS);
    }

    private static String truncate(String reason) {
        return reason.length() <= 4000 ? reason : reason.substring(0, 4000);
    }
}
