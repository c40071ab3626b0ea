package dev.keel.train.tracking;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.KeelException;
import dev.keel.store.metadata.MetadataStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for runs, their params and tags. Reads load a page of runs' data in three queries, not one per run. */
final class RunRepository {
    private final MetadataStore store;

    RunRepository(MetadataStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    void insert(RunInfo run, Map<String, String> params, Map<String, String> tags, Instant now) {
        store.inTransaction(handle -> {
            RunLineage lineage = run.lineage();
            handle.createUpdate("""
                            INSERT INTO runs (id, experiment_id, name, status, status_reason, user_id, start_time, end_time,
                                lifecycle_stage, artifact_uri, dataset_version_id, dataset_version_hash, spec_hash, spec_json,
                                seed, provenance_json, created_at)
                            VALUES (:id, :experiment, :name, :status, :reason, :user, :start, :end, :stage, :artifacts,
                                :datasetVersion, :datasetHash, :specHash, :specJson, :seed, :provenance, :created)""")
                    .bind("id", run.id())
                    .bind("experiment", run.experimentId())
                    .bind("name", run.name())
                    .bind("status", run.status().name())
                    .bind("reason", run.statusReason())
                    .bind("user", run.userId())
                    .bind("start", run.startTime().toEpochMilli())
                    .bind("end", run.endTime() == null ? null : run.endTime().toEpochMilli())
                    .bind("stage", run.lifecycleStage().wireName())
                    .bind("artifacts", run.artifactUri())
                    .bind("datasetVersion", lineage.datasetVersionId())
                    .bind("datasetHash", lineage.datasetVersionHash())
                    .bind("specHash", lineage.specHash())
                    .bind("specJson", lineage.specJson())
                    .bind("seed", lineage.seed())
                    .bind("provenance", run.provenanceJson())
                    .bind("created", now.toEpochMilli())
                    .execute();
            insertParams(handle, run.id(), params);
            tags.forEach((key, value) -> upsertTag(handle, run.id(), key, value));
            return null;
        });
    }

    Optional<RunInfo> findInfo(String id) {
        return store.jdbi().withHandle(handle -> handle.createQuery("SELECT * FROM runs WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> info(rs))
                .findOne());
    }

    /** The runs with these ids, with their data, in the order of {@code ids}; unknown ids are skipped. */
    List<Run> load(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return store.jdbi().withHandle(handle -> {
            Map<String, RunInfo> infos = new HashMap<>();
            handle.createQuery("SELECT * FROM runs WHERE id IN (<ids>)").bindList("ids", ids)
                    .map((rs, ctx) -> info(rs)).forEach(info -> infos.put(info.id(), info));
            Map<String, Map<String, String>> params = keyValues(handle, "run_params", "param_key", "param_value", ids);
            Map<String, Map<String, String>> tags = keyValues(handle, "run_tags", "tag_key", "tag_value", ids);
            Map<String, List<MetricPoint>> metrics = new HashMap<>();
            handle.createQuery("SELECT * FROM latest_metrics WHERE run_id IN (<ids>) ORDER BY metric_key")
                    .bindList("ids", ids)
                    .map((rs, ctx) -> {
                        metrics.computeIfAbsent(rs.getString("run_id"), k -> new ArrayList<>()).add(MetricRows.point(rs));
                        return 0;
                    })
                    .list();
            List<Run> runs = new ArrayList<>();
            for (String id : ids) {
                RunInfo info = infos.get(id);
                if (info != null) {
                    runs.add(new Run(info, params.getOrDefault(id, Map.of()), tags.getOrDefault(id, Map.of()),
                            metrics.getOrDefault(id, List.of())));
                }
            }
            return runs;
        });
    }

    /** Applies the non-null fields; NOT_FOUND for an unknown run. */
    void update(String id, String name, RunStatus status, String statusReason, Instant endTime) {
        int rows = store.inTransaction(handle -> handle.createUpdate("""
                        UPDATE runs SET name = COALESCE(:name, name), status = COALESCE(:status, status),
                            status_reason = COALESCE(:reason, status_reason), end_time = COALESCE(:end, end_time)
                        WHERE id = :id""")
                .bind("name", name)
                .bind("status", status == null ? null : status.name())
                .bind("reason", statusReason)
                .bind("end", endTime == null ? null : endTime.toEpochMilli())
                .bind("id", id)
                .execute());
        if (rows == 0) {
            throw KeelException.notFound("run " + id);
        }
    }

    void setLifecycle(String id, LifecycleStage stage) {
        int rows = store.inTransaction(handle -> handle.createUpdate("UPDATE runs SET lifecycle_stage = :stage WHERE id = :id")
                .bind("stage", stage.wireName()).bind("id", id).execute());
        if (rows == 0) {
            throw KeelException.notFound("run " + id);
        }
    }

    /** Logs params and sets tags in one transaction (MLflow's log-batch without the metrics). */
    void logParamsAndTags(String id, Map<String, String> params, Map<String, String> tags) {
        store.inTransaction(handle -> {
            insertParams(handle, id, params);
            tags.forEach((key, value) -> upsertTag(handle, id, key, value));
            return null;
        });
    }

    void deleteTag(String id, String key) {
        int rows = store.inTransaction(handle -> handle.createUpdate("DELETE FROM run_tags WHERE run_id = :id AND tag_key = :key")
                .bind("id", id).bind("key", key).execute());
        if (rows == 0) {
            throw KeelException.notFound("tag " + key + " of run " + id);
        }
    }

    /**
     * Params are immutable: logging the same value again is a no-op (clients retry), a different value is
     * INVALID_ARGUMENT and nothing of the batch is written.
     */
    private static void insertParams(Handle handle, String id, Map<String, String> params) {
        if (params.isEmpty()) {
            return;
        }
        Map<String, String> existing = new HashMap<>();
        handle.createQuery("SELECT param_key, param_value FROM run_params WHERE run_id = :id AND param_key IN (<keys>)")
                .bind("id", id)
                .bindList("keys", List.copyOf(params.keySet()))
                .map((rs, ctx) -> existing.put(rs.getString(1), rs.getString(2)))
                .list();
        List<String> changed = new ArrayList<>();
        params.forEach((key, value) -> {
            String old = existing.get(key);
            if (old != null && !old.equals(value)) {
                changed.add("params." + key + ": " + value + " (expected: " + old + ", the value already logged;"
                        + " params cannot change)");
            }
        });
        if (!changed.isEmpty()) {
            throw new KeelException(dev.keel.core.error.ErrorCode.INVALID_ARGUMENT,
                    changed.size() == 1 ? changed.getFirst() : "params cannot change: " + String.join("; ", changed),
                    changed);
        }
        var batch = handle.prepareBatch("INSERT INTO run_params (run_id, param_key, param_value) VALUES (:id, :key, :value)");
        params.forEach((key, value) -> {
            if (!existing.containsKey(key)) {
                batch.bind("id", id).bind("key", key).bind("value", value).add();
            }
        });
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    private static void upsertTag(Handle handle, String id, String key, String value) {
        handle.createUpdate("""
                        INSERT INTO run_tags (run_id, tag_key, tag_value) VALUES (:id, :key, :value)
                        ON CONFLICT (run_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value""")
                .bind("id", id).bind("key", key).bind("value", value).execute();
    }

    private static Map<String, Map<String, String>> keyValues(Handle handle, String table, String keyColumn,
            String valueColumn, List<String> ids) {
        Map<String, Map<String, String>> result = new HashMap<>();
        handle.createQuery("SELECT run_id, " + keyColumn + ", " + valueColumn + " FROM " + table
                        + " WHERE run_id IN (<ids>) ORDER BY " + keyColumn)
                .bindList("ids", ids)
                .map((rs, ctx) -> result.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                        .put(rs.getString(2), rs.getString(3)))
                .list();
        return result;
    }

    static RunInfo info(ResultSet rs) throws SQLException {
        long seed = rs.getLong("seed");
        Long seedValue = rs.wasNull() ? null : seed;
        long end = rs.getLong("end_time");
        Instant endTime = rs.wasNull() ? null : Instant.ofEpochMilli(end);
        return new RunInfo(rs.getString("id"), rs.getString("experiment_id"), rs.getString("name"),
                RunStatus.fromColumn(rs.getString("status")), rs.getString("status_reason"), rs.getString("user_id"),
                Instant.ofEpochMilli(rs.getLong("start_time")), endTime,
                LifecycleStage.fromColumn(rs.getString("lifecycle_stage")), rs.getString("artifact_uri"),
                new RunLineage(rs.getString("dataset_version_id"), rs.getString("dataset_version_hash"),
                        rs.getString("spec_hash"), rs.getString("spec_json"), seedValue),
                rs.getString("provenance_json"));
    }
}
