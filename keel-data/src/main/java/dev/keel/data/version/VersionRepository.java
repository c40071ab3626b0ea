package dev.keel.data.version;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.dataset.DatasetVersion;
import dev.keel.core.dataset.ManifestEntry;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** SQL over {@code dataset_versions}, {@code version_files} and the tag tables. */
final class VersionRepository {
    /** Versions with their parent's number and their tags, folded from one joined result. */
    private static final String SUMMARY = "SELECT v.id, v.version_number, p.version_number AS parent_number,"
            + " v.content_hash, v.message, v.author, v.created_at, v.file_count, v.total_bytes,"
            + " v.row_counts_json, t.tag"
            + " FROM (%s) v"
            + " LEFT JOIN dataset_versions p ON p.id = v.parent_id"
            + " LEFT JOIN dataset_tags t ON t.version_id = v.id"
            + " ORDER BY v.version_number DESC, t.tag";

    private final ObjectMapper json;

    VersionRepository(ObjectMapper json) {
        this.json = json;
    }

    /** One page of versions, newest first, in a single statement (tags and parents joined, no N+1). */
    List<DatasetVersion> list(Handle handle, String datasetId, String datasetName, int limit, int offset) {
        String page = "SELECT * FROM dataset_versions WHERE dataset_id = :dataset"
                + " ORDER BY version_number DESC LIMIT :limit OFFSET :offset";
        Query query = handle.createQuery(SUMMARY.formatted(page))
                .bind("dataset", datasetId).bind("limit", limit).bind("offset", offset);
        return fold(query, datasetName);
    }

    DatasetVersion summary(Handle handle, String versionId, String datasetName) {
        Query query = handle.createQuery(SUMMARY.formatted("SELECT * FROM dataset_versions WHERE id = :id"))
                .bind("id", versionId);
        return fold(query, datasetName).getFirst();
    }

    private List<DatasetVersion> fold(Query query, String datasetName) {
        Map<String, DatasetVersion> versions = new LinkedHashMap<>();
        Map<String, List<String>> tags = new LinkedHashMap<>();
        query.map((rs, ctx) -> {
            String id = rs.getString("id");
            if (!versions.containsKey(id)) {
                int parent = rs.getInt("parent_number");
                Integer parentNumber = rs.wasNull() ? null : parent;
                versions.put(id, new DatasetVersion(id, datasetName, rs.getInt("version_number"), parentNumber,
                        rs.getString("content_hash"), rs.getString("message"), rs.getString("author"),
                        Instant.ofEpochMilli(rs.getLong("created_at")), List.of(), rs.getInt("file_count"),
                        rs.getLong("total_bytes"), rowCounts(rs.getString("row_counts_json"))));
                tags.put(id, new ArrayList<>());
            }
            String tag = rs.getString("tag");
            if (tag != null) {
                tags.get(id).add(tag);
            }
            return id;
        }).list();
        List<DatasetVersion> answer = new ArrayList<>(versions.size());
        versions.forEach((id, v) -> answer.add(new DatasetVersion(v.id(), v.dataset(), v.number(), v.parent(),
                v.contentHash(), v.message(), v.author(), v.createdAt(), tags.get(id), v.fileCount(),
                v.totalBytes(), v.rowCounts())));
        return answer;
    }

    Optional<VersionRow> byNumber(Handle handle, String datasetId, int number) {
        return handle.createQuery("SELECT id, version_number, parent_id, content_hash FROM dataset_versions"
                        + " WHERE dataset_id = :dataset AND version_number = :number")
                .bind("dataset", datasetId).bind("number", number).map(VersionRepository::row).findOne();
    }

    Optional<VersionRow> byId(Handle handle, String id) {
        return handle.createQuery("SELECT id, version_number, parent_id, content_hash FROM dataset_versions"
                        + " WHERE id = :id")
                .bind("id", id).map(VersionRepository::row).findOne();
    }

    Optional<VersionRow> byTag(Handle handle, String datasetId, String tag) {
        return handle.createQuery("SELECT v.id, v.version_number, v.parent_id, v.content_hash"
                        + " FROM dataset_tags t JOIN dataset_versions v ON v.id = t.version_id"
                        + " WHERE t.dataset_id = :dataset AND t.tag = :tag")
                .bind("dataset", datasetId).bind("tag", tag).map(VersionRepository::row).findOne();
    }

    List<VersionRow> byHashPrefix(Handle handle, String datasetId, String prefix) {
        return handle.createQuery("SELECT id, version_number, parent_id, content_hash FROM dataset_versions"
                        + " WHERE dataset_id = :dataset AND content_hash LIKE :prefix ORDER BY version_number DESC")
                .bind("dataset", datasetId).bind("prefix", prefix + "%").map(VersionRepository::row).list();
    }

    private static VersionRow row(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        return new VersionRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4));
    }

    List<ManifestEntry> manifest(Handle handle, String versionId) {
        return handle.createQuery("SELECT path, size, sha256 FROM version_files WHERE version_id = :id")
                .bind("id", versionId)
                .map((rs, ctx) -> new ManifestEntry(rs.getString(1), rs.getLong(2), rs.getString(3)))
                .list().stream().sorted(java.util.Comparator.comparing(ManifestEntry::path, ContentHash.UTF8_ORDER))
                .toList();
    }

    /** Format, schema, statistics and splits JSON of one version, by column name. */
    Map<String, JsonNode> profileJson(Handle handle, String versionId) {
        return handle.createQuery("SELECT format_json, schema_json, statistics_json, splits_json"
                        + " FROM dataset_versions WHERE id = :id")
                .bind("id", versionId)
                .map((rs, ctx) -> {
                    Map<String, JsonNode> parts = new LinkedHashMap<>();
                    for (String column : List.of("format_json", "schema_json", "statistics_json", "splits_json")) {
                        parts.put(column, readTree(rs.getString(column)));
                    }
                    return parts;
                }).one();
    }

    record NewVersion(String id, String datasetId, int number, String parentId, String contentHash,
            String message, String author, Instant createdAt, List<ManifestEntry> manifest, JsonNode format,
            JsonNode split, VersionProfile profile) {}

    void insert(Handle handle, NewVersion v) {
        long totalBytes = v.manifest().stream().mapToLong(ManifestEntry::size).sum();
        handle.createUpdate("INSERT INTO dataset_versions (id, dataset_id, version_number, parent_id, content_hash,"
                        + " message, author, created_at, file_count, total_bytes, row_counts_json, format_json,"
                        + " schema_json, statistics_json, splits_json) VALUES (:id, :dataset, :number, :parent,"
                        + " :hash, :message, :author, :at, :files, :bytes, :rows, :format, :schema, :stats, :splits)")
                .bind("id", v.id()).bind("dataset", v.datasetId()).bind("number", v.number())
                .bind("parent", v.parentId()).bind("hash", v.contentHash()).bind("message", v.message())
                .bind("author", v.author()).bind("at", v.createdAt().toEpochMilli())
                .bind("files", v.manifest().size()).bind("bytes", totalBytes)
                .bind("rows", write(v.profile().rowCounts())).bind("format", write(v.format()))
                .bind("schema", write(v.profile().schema())).bind("stats", write(v.profile().statistics()))
                .bind("splits", write(v.profile().splits()))
                .execute();
        if (v.manifest().isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(
                "INSERT INTO version_files (version_id, path, size, sha256) VALUES (:version, :path, :size, :sha)");
        for (ManifestEntry entry : v.manifest()) {
            batch.bind("version", v.id()).bind("path", entry.path()).bind("size", entry.size())
                    .bind("sha", entry.sha256()).add();
        }
        batch.execute();
    }

    List<String> tagsOf(Handle handle, String versionId) {
        return handle.createQuery("SELECT tag FROM dataset_tags WHERE version_id = :id ORDER BY tag")
                .bind("id", versionId).mapTo(String.class).list();
    }

    List<Integer> childrenOf(Handle handle, String versionId) {
        return handle.createQuery("SELECT version_number FROM dataset_versions WHERE parent_id = :id"
                        + " ORDER BY version_number")
                .bind("id", versionId).mapTo(Integer.class).list();
    }

    Map<String, Integer> tags(Handle handle, String datasetId) {
        Map<String, Integer> tags = new LinkedHashMap<>();
        handle.createQuery("SELECT t.tag, v.version_number FROM dataset_tags t"
                        + " JOIN dataset_versions v ON v.id = t.version_id WHERE t.dataset_id = :dataset ORDER BY t.tag")
                .bind("dataset", datasetId)
                .map((rs, ctx) -> tags.put(rs.getString(1), rs.getInt(2))).list();
        return tags;
    }

    /** Points {@code tag} at a version (creating or moving it) and appends the change to the history. */
    void setTag(Handle handle, String datasetId, String tag, String versionId, String author, Instant at,
            String historyId) {
        int moved = handle.createUpdate("UPDATE dataset_tags SET version_id = :version, updated_at = :at,"
                        + " updated_by = :by WHERE dataset_id = :dataset AND tag = :tag")
                .bind("version", versionId).bind("at", at.toEpochMilli()).bind("by", author)
                .bind("dataset", datasetId).bind("tag", tag).execute();
        if (moved == 0) {
            handle.createUpdate("INSERT INTO dataset_tags (dataset_id, tag, version_id, updated_at, updated_by)"
                            + " VALUES (:dataset, :tag, :version, :at, :by)")
                    .bind("version", versionId).bind("at", at.toEpochMilli()).bind("by", author)
                    .bind("dataset", datasetId).bind("tag", tag).execute();
        }
        history(handle, datasetId, tag, versionId, author, at, historyId);
    }

    boolean deleteTag(Handle handle, String datasetId, String tag, String author, Instant at, String historyId) {
        int deleted = handle.createUpdate("DELETE FROM dataset_tags WHERE dataset_id = :dataset AND tag = :tag")
                .bind("dataset", datasetId).bind("tag", tag).execute();
        if (deleted > 0) {
            history(handle, datasetId, tag, null, author, at, historyId);
        }
        return deleted > 0;
    }

    private void history(Handle handle, String datasetId, String tag, String versionId, String author, Instant at,
            String historyId) {
        handle.createUpdate("INSERT INTO dataset_tag_history (id, dataset_id, tag, version_id, changed_at, changed_by)"
                        + " VALUES (:id, :dataset, :tag, :version, :at, :by)")
                .bind("id", historyId).bind("dataset", datasetId).bind("tag", tag).bind("version", versionId)
                .bind("at", at.toEpochMilli()).bind("by", author).execute();
    }

    void delete(Handle handle, String versionId) {
        handle.createUpdate("DELETE FROM version_files WHERE version_id = :id").bind("id", versionId).execute();
        handle.createUpdate("DELETE FROM dataset_versions WHERE id = :id").bind("id", versionId).execute();
    }

    private String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new KeelException(ErrorCode.INTERNAL, "cannot write JSON: " + e.getMessage(), e);
        }
    }

    private JsonNode readTree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new KeelException(ErrorCode.INTERNAL, "stored JSON is unreadable: " + e.getMessage(), e);
        }
    }

    private Map<String, Long> rowCounts(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, Long>>() {});
        } catch (JsonProcessingException e) {
            throw new KeelException(ErrorCode.INTERNAL, "stored row counts are unreadable: " + e.getMessage(), e);
        }
    }
}
