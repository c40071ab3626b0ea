package dev.keel.workflow.engine;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.KeelException;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.metadata.Project;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Pipelines as applied, and where each of their triggers has got to. */
public final class PipelineRepository {
    private final MetadataStore store;

    public PipelineRepository(MetadataStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** Creates the pipeline {@code name} or replaces its spec (its version goes up by one). */
    public Pipeline apply(String name, String specText, String by, Instant now, Supplier<String> ids) {
        return store.inTransaction(handle -> {
            Optional<Pipeline> existing = handle.createQuery("SELECT * FROM pipelines WHERE project_id = :p AND name = :n")
                    .bind("p", Project.DEFAULT_ID).bind("n", name).map((rs, ctx) -> pipeline(rs)).findOne();
            if (existing.isPresent()) {
                handle.createUpdate("""
                                UPDATE pipelines SET spec_text = :spec, version = version + 1, updated_at = :now
                                WHERE id = :id""")
                        .bind("spec", specText).bind("now", now.toEpochMilli()).bind("id", existing.get().id()).execute();
            } else {
                handle.createUpdate("""
                                INSERT INTO pipelines (id, project_id, name, version, spec_text, created_by, created_at,
                                    updated_at) VALUES (:id, :p, :n, 1, :spec, :by, :now, :now)""")
                        .bind("id", ids.get()).bind("p", Project.DEFAULT_ID).bind("n", name).bind("spec", specText)
                        .bind("by", by).bind("now", now.toEpochMilli()).execute();
            }
            return handle.createQuery("SELECT * FROM pipelines WHERE project_id = :p AND name = :n")
                    .bind("p", Project.DEFAULT_ID).bind("n", name).map((rs, ctx) -> pipeline(rs)).one();
        });
    }

    public Optional<Pipeline> find(String name) {
        return store.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT * FROM pipelines WHERE project_id = :p AND name = :n")
                .bind("p", Project.DEFAULT_ID).bind("n", name).map((rs, ctx) -> pipeline(rs)).findOne());
    }

    public Pipeline get(String name) {
        return find(name).orElseThrow(() -> KeelException.notFound("pipeline " + name));
    }

    public List<Pipeline> list() {
        return store.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT * FROM pipelines WHERE project_id = :p ORDER BY name")
                .bind("p", Project.DEFAULT_ID).map((rs, ctx) -> pipeline(rs)).list());
    }

    /** The trigger's last seen value; empty when the trigger has no row yet. */
    public Optional<Optional<String>> triggerValue(String pipelineId, String key) {
        return store.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT last_value FROM pipeline_triggers WHERE pipeline_id = :p AND trigger_key = :k")
                .bind("p", pipelineId).bind("k", key)
                .map((rs, ctx) -> Optional.ofNullable(rs.getString(1))).findOne());
    }

    /** Records the trigger's starting point unless it has one (another server may have won the race). */
    public void initTrigger(String pipelineId, String key, String value, Instant now) {
        try {
            store.inTransaction(handle -> handle.createUpdate("""
                            INSERT INTO pipeline_triggers (pipeline_id, trigger_key, last_value, updated_at)
                            VALUES (:p, :k, :v, :now)""")
                    .bind("p", pipelineId).bind("k", key).bind("v", value).bind("now", now.toEpochMilli()).execute());
        } catch (KeelException e) {
            if (e.code() != dev.keel.core.error.ErrorCode.ALREADY_EXISTS) {
                throw e;
            }
        }
    }

    static Pipeline pipeline(ResultSet rs) throws SQLException {
        return new Pipeline(rs.getString("id"), rs.getString("name"), rs.getInt("version"), rs.getString("spec_text"),
                rs.getString("created_by"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
