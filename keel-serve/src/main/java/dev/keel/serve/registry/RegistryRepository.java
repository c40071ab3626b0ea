package dev.keel.serve.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.serve.runtime.ModelFormat;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The registry's SQL, one statement per method, all on a caller's handle so the service owns transactions. */
final class RegistryRepository {
    private static final ObjectMapper JSON = new ObjectMapper();

    record ModelRow(String id, String project, String name, String description, long createdAt, long updatedAt) {}

    Optional<ModelRow> findModel(Handle handle, String project, String name) {
        return handle.createQuery("SELECT id, project_id, name, description, created_at, updated_at FROM registered_models "
                        + "WHERE project_id = :project AND name = :name")
                .bind("project", project).bind("name", name)
                .map((rs, ctx) -> modelRow(rs)).findOne();
    }

    List<ModelRow> listModels(Handle handle, String project, String nameLike, int limit, int offset) {
        return handle.createQuery("SELECT id, project_id, name, description, created_at, updated_at FROM registered_models "
                        + "WHERE project_id = :project AND name LIKE :like ORDER BY name LIMIT :limit OFFSET :offset")
                .bind("project", project).bind("like", nameLike).bind("limit", limit).bind("offset", offset)
                .map((rs, ctx) -> modelRow(rs)).list();
    }

    void insertModel(Handle handle, ModelRow row) {
        handle.createUpdate("INSERT INTO registered_models (id, project_id, name, description, created_at, updated_at) "
                        + "VALUES (:id, :project, :name, :description, :createdAt, :updatedAt)")
                .bind("id", row.id()).bind("project", row.project()).bind("name", row.name())
                .bind("description", row.description()).bind("createdAt", row.createdAt())
                .bind("updatedAt", row.updatedAt()).execute();
    }

    void updateModel(Handle handle, String id, String name, String description, long now) {
        handle.createUpdate("UPDATE registered_models SET name = :name, description = :description, updated_at = :now "
                        + "WHERE id = :id")
                .bind("id", id).bind("name", name).bind("description", description).bind("now", now).execute();
    }

    void deleteModel(Handle handle, String id) {
        for (String table : List.of("model_version_tags", "model_aliases", "model_versions", "registered_model_tags")) {
            handle.createUpdate("DELETE FROM " + table + " WHERE model_id = :id").bind("id", id).execute();
        }
        handle.createUpdate("DELETE FROM registered_models WHERE id = :id").bind("id", id).execute();
    }

    Map<String, String> modelTags(Handle handle, String modelId) {
        return pairs(handle.createQuery("SELECT tag_key, tag_value FROM registered_model_tags WHERE model_id = :id "
                + "ORDER BY tag_key").bind("id", modelId));
    }

    void setModelTag(Handle handle, String modelId, String key, String value) {
        handle.createUpdate("DELETE FROM registered_model_tags WHERE model_id = :id AND tag_key = :key")
                .bind("id", modelId).bind("key", key).execute();
        handle.createUpdate("INSERT INTO registered_model_tags (model_id, tag_key, tag_value) VALUES (:id, :key, :value)")
                .bind("id", modelId).bind("key", key).bind("value", value).execute();
    }

    int deleteModelTag(Handle handle, String modelId, String key) {
        return handle.createUpdate("DELETE FROM registered_model_tags WHERE model_id = :id AND tag_key = :key")
                .bind("id", modelId).bind("key", key).execute();
    }

    Map<String, Integer> aliases(Handle handle, String modelId) {
        Map<String, Integer> aliases = new LinkedHashMap<>();
        handle.createQuery("SELECT alias, version FROM model_aliases WHERE model_id = :id ORDER BY alias")
                .bind("id", modelId)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(entry -> aliases.put(entry.getKey(), entry.getValue()));
        return aliases;
    }

    Optional<Integer> alias(Handle handle, String modelId, String alias) {
        return handle.createQuery("SELECT version FROM model_aliases WHERE model_id = :id AND alias = :alias")
                .bind("id", modelId).bind("alias", alias).mapTo(Integer.class).findOne();
    }

    void putAlias(Handle handle, String modelId, String alias, int version, long now) {
        handle.createUpdate("DELETE FROM model_aliases WHERE model_id = :id AND alias = :alias")
                .bind("id", modelId).bind("alias", alias).execute();
        handle.createUpdate("INSERT INTO model_aliases (model_id, alias, version, updated_at) VALUES (:id, :alias, :version, :now)")
                .bind("id", modelId).bind("alias", alias).bind("version", version).bind("now", now).execute();
    }

    void removeAlias(Handle handle, String modelId, String alias) {
        handle.createUpdate("DELETE FROM model_aliases WHERE model_id = :id AND alias = :alias")
                .bind("id", modelId).bind("alias", alias).execute();
    }

    long nextAliasSequence(Handle handle, String modelId, String alias) {
        return handle.createQuery("SELECT COALESCE(MAX(sequence), 0) + 1 FROM model_alias_events "
                        + "WHERE model_id = :id AND alias = :alias")
                .bind("id", modelId).bind("alias", alias).mapTo(Long.class).one();
    }

    void appendAliasEvent(Handle handle, String modelId, AliasEvent event) {
        handle.createUpdate("INSERT INTO model_alias_events (model_id, alias, sequence, from_version, to_version, actor, "
                        + "reason, at) VALUES (:id, :alias, :sequence, :from, :to, :actor, :reason, :at)")
                .bind("id", modelId).bind("alias", event.alias()).bind("sequence", event.sequence())
                .bind("from", event.fromVersion().orElse(null)).bind("to", event.toVersion().orElse(null))
                .bind("actor", event.actor()).bind("reason", event.reason().orElse(null)).bind("at", event.at())
                .execute();
    }

    /** Events of one alias (or all aliases when {@code alias} is null), oldest first. */
    List<AliasEvent> aliasEvents(Handle handle, String modelId, String modelName, String alias) {
        return handle.createQuery("SELECT alias, sequence, from_version, to_version, actor, reason, at FROM model_alias_events "
                        + "WHERE model_id = :id" + (alias == null ? "" : " AND alias = :alias")
                        + " ORDER BY at, alias, sequence")
                .bind("id", modelId).bind("alias", alias)
                .map((rs, ctx) -> new AliasEvent(modelName, rs.getString(1), rs.getLong(2), optionalInt(rs, 3),
                        optionalInt(rs, 4), rs.getString(5), Optional.ofNullable(rs.getString(6)), rs.getLong(7)))
                .list();
    }

    int maxVersion(Handle handle, String modelId) {
        return handle.createQuery("SELECT COALESCE(MAX(version), 0) FROM model_versions WHERE model_id = :id")
                .bind("id", modelId).mapTo(Integer.class).one();
    }

    void insertVersion(Handle handle, String modelId, VersionRow row) {
        handle.createUpdate("INSERT INTO model_versions (model_id, version, format, source, source_run_id, blob_sha256, "
                        + "blob_size, signature_json, metrics_json, dataset_version, description, status, created_by, "
                        + "created_at, updated_at) VALUES (:id, :version, :format, :source, :runId, :sha, :size, :signature, "
                        + ":metrics, :dataset, :description, :status, :createdBy, :createdAt, :updatedAt)")
                .bind("id", modelId).bind("version", row.version()).bind("format", row.format().jsonName())
                .bind("source", row.source()).bind("runId", row.sourceRunId()).bind("sha", row.blobSha256())
                .bind("size", row.blobSize()).bind("signature", row.signatureJson()).bind("metrics", write(row.metrics()))
                .bind("dataset", row.datasetVersion()).bind("description", row.description()).bind("status", row.status())
                .bind("createdBy", row.createdBy()).bind("createdAt", row.createdAt()).bind("updatedAt", row.updatedAt())
                .execute();
    }

    record VersionRow(int version, ModelFormat format, String source, String sourceRunId, String blobSha256, long blobSize,
                      String signatureJson, Map<String, Double> metrics, String datasetVersion, String description,
                      String status, String createdBy, long createdAt, long updatedAt) {}

    private static final String VERSION_COLUMNS = "version, format, source, source_run_id, blob_sha256, blob_size, "
            + "signature_json, metrics_json, dataset_version, description, status, created_by, created_at, updated_at";

    Optional<VersionRow> findVersion(Handle handle, String modelId, int version) {
        return handle.createQuery("SELECT " + VERSION_COLUMNS + " FROM model_versions WHERE model_id = :id AND version = :version")
                .bind("id", modelId).bind("version", version).map((rs, ctx) -> versionRow(rs)).findOne();
    }

    List<VersionRow> versions(Handle handle, String modelId, int limit, int offset) {
        return handle.createQuery("SELECT " + VERSION_COLUMNS + " FROM model_versions WHERE model_id = :id "
                        + "ORDER BY version DESC LIMIT :limit OFFSET :offset")
                .bind("id", modelId).bind("limit", limit).bind("offset", offset).map((rs, ctx) -> versionRow(rs)).list();
    }

    void updateVersionDescription(Handle handle, String modelId, int version, String description, long now) {
        handle.createUpdate("UPDATE model_versions SET description = :description, updated_at = :now "
                        + "WHERE model_id = :id AND version = :version")
                .bind("id", modelId).bind("version", version).bind("description", description).bind("now", now).execute();
    }

    void deleteVersion(Handle handle, String modelId, int version) {
        handle.createUpdate("DELETE FROM model_version_tags WHERE model_id = :id AND version = :version")
                .bind("id", modelId).bind("version", version).execute();
        handle.createUpdate("DELETE FROM model_versions WHERE model_id = :id AND version = :version")
                .bind("id", modelId).bind("version", version).execute();
    }

    Map<String, String> versionTags(Handle handle, String modelId, int version) {
        return pairs(handle.createQuery("SELECT tag_key, tag_value FROM model_version_tags WHERE model_id = :id "
                + "AND version = :version ORDER BY tag_key").bind("id", modelId).bind("version", version));
    }

    void setVersionTag(Handle handle, String modelId, int version, String key, String value) {
        handle.createUpdate("DELETE FROM model_version_tags WHERE model_id = :id AND version = :version AND tag_key = :key")
                .bind("id", modelId).bind("version", version).bind("key", key).execute();
        handle.createUpdate("INSERT INTO model_version_tags (model_id, version, tag_key, tag_value) "
                        + "VALUES (:id, :version, :key, :value)")
                .bind("id", modelId).bind("version", version).bind("key", key).bind("value", value).execute();
    }

    int deleteVersionTag(Handle handle, String modelId, int version, String key) {
        return handle.createUpdate("DELETE FROM model_version_tags WHERE model_id = :id AND version = :version AND tag_key = :key")
                .bind("id", modelId).bind("version", version).bind("key", key).execute();
    }

    boolean blobReferenced(Handle handle, String sha256) {
        return handle.createQuery("SELECT COUNT(*) FROM model_versions WHERE blob_sha256 = :sha")
                .bind("sha", sha256).mapTo(Long.class).one() > 0;
    }

    RegisteredModel model(Handle handle, ModelRow row) {
        int latest = maxVersion(handle, row.id());
        return new RegisteredModel(row.id(), row.project(), row.name(), Optional.ofNullable(row.description()),
                modelTags(handle, row.id()), aliases(handle, row.id()),
                latest == 0 ? Optional.empty() : Optional.of(latest), row.createdAt(), row.updatedAt());
    }

    ModelVersion version(Handle handle, ModelRow model, VersionRow row) {
        List<String> aliases = new ArrayList<>();
        aliases(handle, model.id()).forEach((alias, version) -> {
            if (version == row.version()) {
                aliases.add(alias);
            }
        });
        return new ModelVersion(model.name(), row.version(), row.format(), row.source(), Optional.ofNullable(row.sourceRunId()),
                row.blobSha256(), row.blobSize(), SignatureJson.parse(row.signatureJson()), row.metrics(),
                Optional.ofNullable(row.datasetVersion()), Optional.ofNullable(row.description()),
                versionTags(handle, model.id(), row.version()), aliases, row.status(), row.createdBy(),
                row.createdAt(), row.updatedAt());
    }

    private static Map<String, String> pairs(org.jdbi.v3.core.statement.Query query) {
        Map<String, String> pairs = new LinkedHashMap<>();
        query.map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(entry -> pairs.put(entry.getKey(), entry.getValue()));
        return pairs;
    }

    private static ModelRow modelRow(ResultSet rs) throws SQLException {
        return new ModelRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6));
    }

    private static VersionRow versionRow(ResultSet rs) throws SQLException {
        return new VersionRow(rs.getInt(1), ModelFormat.fromJsonName(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getLong(6), rs.getString(7), readMetrics(rs.getString(8)), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getLong(13), rs.getLong(14));
    }

    private static Optional<Integer> optionalInt(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static String write(Map<String, Double> metrics) {
        try {
            return JSON.writeValueAsString(metrics);
        } catch (JsonProcessingException e) {
            throw new KeelException(ErrorCode.INTERNAL, "metrics: " + e.getMessage(), e);
        }
    }

    private static Map<String, Double> readMetrics(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Double>>() {});
        } catch (JsonProcessingException e) {
            throw new KeelException(ErrorCode.INTERNAL, "stored metrics: " + e.getMessage(), e);
        }
    }
}
