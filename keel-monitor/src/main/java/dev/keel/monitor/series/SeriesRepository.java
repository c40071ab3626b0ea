package dev.keel.monitor.series;

import static java.util.Objects.requireNonNull;

import dev.keel.store.metadata.MetadataStore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.statement.PreparedBatch;

/** SQL for samples and rollups; the portable subset only, so SQLite and PostgreSQL behave alike. */
public final class SeriesRepository {
    private final MetadataStore store;

    public SeriesRepository(MetadataStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    MetadataStore store() {
        return store;
    }

    /** Inserts samples in one transaction and one JDBC batch. */
    public void insert(List<Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        store.inTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch(
                    "INSERT INTO monitor_samples (name, labels, ts, value) VALUES (:name, :labels, :ts, :value)");
            for (Sample sample : samples) {
                batch.bind("name", sample.name()).bind("labels", sample.labels().json())
                        .bind("ts", sample.timestampMillis()).bind("value", sample.value()).add();
            }
            return batch.execute();
        });
    }

    /** Raw samples of a metric in {@code [from, to)}, as cells of count 1, oldest first. */
    public List<Cell> raw(String name, long from, long to) {
        return raw(name, Map.of(), from, to);
    }

    /** Raw samples of a metric in {@code [from, to)} whose labels include {@code match}, oldest first. */
    public List<Cell> raw(String name, Map<String, String> match, long from, long to) {
        List<String> likes = Labels.likePatterns(match);
        return store.jdbi().withHandle(handle -> {
            var query = handle.createQuery("SELECT labels, ts, value FROM monitor_samples"
                            + " WHERE name = :name AND ts >= :from AND ts < :to" + likeClauses(likes) + " ORDER BY ts")
                    .bind("name", name).bind("from", from).bind("to", to);
            bindLikes(query, likes);
            return query.map((rs, ctx) -> {
                        double value = rs.getDouble("value");
                        return new Cell(Labels.parse(rs.getString("labels")), rs.getLong("ts"), 1, value, value, value);
                    })
                    .list().stream().filter(cell -> cell.labels().matches(match)).toList();
        });
    }

    /** Rollup buckets of a metric that start in {@code [from, to)}, oldest first. */
    public List<Cell> rollups(String name, Resolution resolution, long from, long to) {
        return rollups(name, Map.of(), resolution, from, to);
    }

    /** Rollup buckets of a metric whose labels include {@code match} and that start in {@code [from, to)}. */
    public List<Cell> rollups(String name, Map<String, String> match, Resolution resolution, long from, long to) {
        List<String> likes = Labels.likePatterns(match);
        return store.jdbi().withHandle(handle -> {
            var query = handle.createQuery("""
                            SELECT labels, bucket_start, sample_count, value_sum, value_min, value_max FROM monitor_rollups
                            WHERE name = :name AND resolution_ms = :resolution AND bucket_start >= :from
                              AND bucket_start < :to""" + likeClauses(likes) + " ORDER BY bucket_start")
                    .bind("name", name).bind("resolution", resolution.bucketMillis()).bind("from", from).bind("to", to);
            bindLikes(query, likes);
            return query.map((rs, ctx) -> new Cell(Labels.parse(rs.getString("labels")), rs.getLong("bucket_start"),
                            rs.getLong("sample_count"), rs.getDouble("value_sum"), rs.getDouble("value_min"),
                            rs.getDouble("value_max")))
                    .list().stream().filter(cell -> cell.labels().matches(match)).toList();
        });
    }

    private static String likeClauses(List<String> likes) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < likes.size(); i++) {
            sql.append(" AND labels LIKE :like").append(i).append(" ESCAPE '!'");
        }
        return sql.toString();
    }

    private static void bindLikes(org.jdbi.v3.core.statement.Query query, List<String> likes) {
        for (int i = 0; i < likes.size(); i++) {
            query.bind("like" + i, likes.get(i));
        }
    }

    /** Every stored metric name with the label sets seen for it (raw and rolled up), optionally one name only. */
    public Map<String, List<Labels>> series(String onlyName) {
        String filter = onlyName == null ? "" : " WHERE name = :name";
        List<Map<String, Object>> rows = store.jdbi().withHandle(handle -> {
            var query = handle.createQuery("SELECT DISTINCT name, labels FROM monitor_samples" + filter
                    + " UNION SELECT DISTINCT name, labels FROM monitor_rollups" + filter);
            if (onlyName != null) {
                query.bind("name", onlyName);
            }
            return query.mapToMap().list();
        });
        Map<String, TreeSet<String>> byName = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            byName.computeIfAbsent((String) row.get("name"), n -> new TreeSet<>()).add((String) row.get("labels"));
        }
        Map<String, List<Labels>> result = new TreeMap<>();
        byName.forEach((name, labels) -> result.put(name, labels.stream().map(Labels::parse).toList()));
        return result;
    }

    /** Everything in {@code resolution} is rolled up before this time (0 before the first compaction). */
    public long watermark(Resolution resolution) {
        return store.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT done_until FROM monitor_compaction WHERE resolution_ms = :resolution")
                .bind("resolution", resolution.bucketMillis()).mapTo(Long.class).one());
    }
}
