package dev.keel.train.tracking;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.KeelException;
import dev.keel.store.metadata.MetadataStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for experiments and their tags. Validation and ids are the service's job; this class only stores. */
final class ExperimentRepository {
    private final MetadataStore store;

    ExperimentRepository(MetadataStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    void insert(Experiment experiment) {
        store.inTransaction(handle -> {
            handle.createUpdate("""
                            INSERT INTO experiments (id, project_id, name, artifact_location, lifecycle_stage, created_at,
                                updated_at) VALUES (:id, :project, :name, :location, :stage, :created, :updated)""")
                    .bind("id", experiment.id())
                    .bind("project", experiment.projectId())
                    .bind("name", experiment.name())
                    .bind("location", experiment.artifactLocation())
                    .bind("stage", experiment.lifecycleStage().wireName())
                    .bind("created", experiment.createdAt().toEpochMilli())
                    .bind("updated", experiment.updatedAt().toEpochMilli())
                    .execute();
            experiment.tags().forEach((key, value) -> upsertTag(handle, experiment.id(), key, value));
            return null;
        });
    }

    Optional<Experiment> findById(String id) {
        return store.jdbi().withHandle(handle -> one(handle, "e.id = :value", id));
    }

    Optional<Experiment> findByName(String projectId, String name) {
        return store.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT e.* FROM experiments e WHERE e.project_id = :project AND e.name = :name")
                .bind("project", projectId)
                .bind("name", name)
                .map((rs, ctx) -> rs.getString("id"))
                .findOne()
                .flatMap(id -> one(handle, "e.id = :value", id)));
    }

    /** Experiments of a project in name order, {@code limit} from {@code offset}. */
    List<Experiment> list(String projectId, ViewType view, int offset, int limit) {
        return store.jdbi().withHandle(handle -> {
            List<Experiment> rows = handle.createQuery("SELECT e.* FROM experiments e WHERE e.project_id = :project AND "
                            + view.condition("e.lifecycle_stage") + " ORDER BY e.name, e.id LIMIT :limit OFFSET :offset")
                    .bind("project", projectId)
                    .bind("limit", limit)
                    .bind("offset", offset)
                    .map((rs, ctx) -> experiment(rs, Map.of()))
                    .list();
            Map<String, Map<String, String>> tags = tags(handle, rows.stream().map(Experiment::id).toList());
            return rows.stream().map(e -> withTags(e, tags.getOrDefault(e.id(), Map.of()))).toList();
        });
    }

    void rename(String id, String name, Instant now) {
        requireUpdated(store.inTransaction(handle -> handle.createUpdate(
                        "UPDATE experiments SET name = :name, updated_at = :now WHERE id = :id")
                .bind("name", name).bind("now", now.toEpochMilli()).bind("id", id).execute()), id);
    }

    void setLifecycle(String id, LifecycleStage stage, Instant now) {
        requireUpdated(store.inTransaction(handle -> handle.createUpdate(
                        "UPDATE experiments SET lifecycle_stage = :stage, updated_at = :now WHERE id = :id")
                .bind("stage", stage.wireName()).bind("now", now.toEpochMilli()).bind("id", id).execute()), id);
    }

    void setTag(String id, String key, String value) {
        store.inTransaction(handle -> {
            upsertTag(handle, id, key, value);
            return null;
        });
    }

    private static void upsertTag(Handle handle, String id, String key, String value) {
        handle.createUpdate("""
                        INSERT INTO experiment_tags (experiment_id, tag_key, tag_value) VALUES (:id, :key, :value)
                        ON CONFLICT (experiment_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value""")
                .bind("id", id).bind("key", key).bind("value", value).execute();
    }

    private static void requireUpdated(int rows, String id) {
        if (rows == 0) {
            throw KeelException.notFound("experiment " + id);
        }
    }

    private static Optional<Experiment> one(Handle handle, String condition, String value) {
        return handle.createQuery("SELECT e.* FROM experiments e WHERE " + condition)
                .bind("value", value)
                .map((rs, ctx) -> experiment(rs, Map.of()))
                .findOne()
                .map(e -> withTags(e, tags(handle, List.of(e.id())).getOrDefault(e.id(), Map.of())));
    }

    private static Map<String, Map<String, String>> tags(Handle handle, List<String> ids) {
        Map<String, Map<String, String>> tags = new HashMap<>();
        if (ids.isEmpty()) {
            return tags;
        }
        handle.createQuery("SELECT * FROM experiment_tags WHERE experiment_id IN (<ids>) ORDER BY tag_key")
                .bindList("ids", ids)
                .map((rs, ctx) -> {
                    tags.computeIfAbsent(rs.getString("experiment_id"), k -> new LinkedHashMap<>())
                            .put(rs.getString("tag_key"), rs.getString("tag_value"));
                    return 0;
                })
                .list();
        return tags;
    }

    private static Experiment withTags(Experiment e, Map<String, String> tags) {
        return new Experiment(e.id(), e.projectId(), e.name(), e.artifactLocation(), e.lifecycleStage(), e.createdAt(),
                e.updatedAt(), tags);
    }

    private static Experiment experiment(java.sql.ResultSet rs, Map<String, String> tags) throws java.sql.SQLException {
        return new Experiment(rs.getString("id"), rs.getString("project_id"), rs.getString("name"),
                rs.getString("artifact_location"), LifecycleStage.fromColumn(rs.getString("lifecycle_stage")),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")), tags);
    }
}
