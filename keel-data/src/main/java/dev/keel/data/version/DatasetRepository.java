package dev.keel.data.version;

import static java.util.Objects.requireNonNull;

import dev.keel.core.dataset.Dataset;
import dev.keel.core.error.KeelException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** SQL over the {@code datasets} table. Every method runs on the caller's handle (and transaction). */
final class DatasetRepository {
    private static final String SELECT = "SELECT d.id, p.name AS project, d.project_id, d.name, d.description,"
            + " d.created_at, h.version_number AS head_number, d.head_version_id"
            + " FROM datasets d JOIN projects p ON p.id = d.project_id"
            + " LEFT JOIN dataset_versions h ON h.id = d.head_version_id";

    private static final RowMapper<DatasetRow> MAPPER = (rs, ctx) -> {
        int head = rs.getInt("head_number");
        Integer headNumber = rs.wasNull() ? null : head;
        Dataset dataset = new Dataset(rs.getString("id"), rs.getString("project"), rs.getString("name"),
                rs.getString("description"), Instant.ofEpochMilli(rs.getLong("created_at")), headNumber);
        return new DatasetRow(dataset, rs.getString("project_id"), rs.getString("head_version_id"));
    };

    String projectId(Handle handle, String project) {
        return handle.createQuery("SELECT id FROM projects WHERE name = :name")
                .bind("name", project).mapTo(String.class).findOne()
                .orElseThrow(() -> KeelException.notFound("project " + project));
    }

    void insert(Handle handle, String id, String projectId, String name, String description, Instant createdAt) {
        handle.createUpdate("INSERT INTO datasets (id, project_id, name, description, created_at,"
                        + " head_version_id, last_number) VALUES (:id, :project, :name, :description, :at, NULL, 0)")
                .bind("id", id).bind("project", projectId).bind("name", name)
                .bind("description", description).bind("at", createdAt.toEpochMilli())
                .execute();
    }

    Optional<DatasetRow> find(Handle handle, String project, String name) {
        return handle.createQuery(SELECT + " WHERE p.name = :project AND d.name = :name")
                .bind("project", project).bind("name", name).map(MAPPER).findOne();
    }

    DatasetRow get(Handle handle, String project, String name) {
        requireNonNull(name, "name is null");
        return find(handle, project, name).orElseThrow(() -> KeelException.notFound("dataset " + name));
    }

    List<DatasetRow> list(Handle handle, Optional<String> project) {
        return project.isPresent()
                ? handle.createQuery(SELECT + " WHERE p.name = :project ORDER BY d.name")
                        .bind("project", project.get()).map(MAPPER).list()
                : handle.createQuery(SELECT + " ORDER BY p.name, d.name").map(MAPPER).list();
    }

    /**
     * Moves the head from {@code expectedHead} to {@code newHead} and takes the next version number, or
     * answers empty when the head is no longer {@code expectedHead}. Also locks the dataset row until the
     * transaction ends, which serialises commits and deletes of one dataset.
     */
    Optional<Integer> moveHead(Handle handle, String datasetId, String expectedHead, String newHead) {
        String condition = expectedHead == null ? "head_version_id IS NULL" : "head_version_id = :expected";
        var update = handle.createUpdate("UPDATE datasets SET head_version_id = :head, last_number = last_number + 1"
                        + " WHERE id = :id AND " + condition)
                .bind("head", newHead).bind("id", datasetId);
        if (expectedHead != null) {
            update.bind("expected", expectedHead);
        }
        if (update.execute() == 0) {
            return Optional.empty();
        }
        return Optional.of(handle.createQuery("SELECT last_number FROM datasets WHERE id = :id")
                .bind("id", datasetId).mapTo(Integer.class).one());
    }

    /** Locks the dataset row for the rest of the transaction (no-op update) and answers its head. */
    String lock(Handle handle, String datasetId) {
        handle.createUpdate("UPDATE datasets SET last_number = last_number WHERE id = :id")
                .bind("id", datasetId).execute();
        return handle.createQuery("SELECT head_version_id FROM datasets WHERE id = :id")
                .bind("id", datasetId).mapTo(String.class).findOne().orElse(null);
    }

    void setHead(Handle handle, String datasetId, String head) {
        handle.createUpdate("UPDATE datasets SET head_version_id = :head WHERE id = :id")
                .bind("head", head).bind("id", datasetId).execute();
    }
}
