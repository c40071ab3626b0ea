package dev.keel.train.tracking;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.store.metadata.MetadataStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes metric points in batches: each {@link #write} is one transaction with one JDBC batch insert for the
 * points and one upsert per (run, key) into {@code latest_metrics}, so millions of points cost thousands of
 * round trips, not millions. {@link #add} buffers until {@code batchSize} points are waiting; callers that
 * must not block on the database use {@link AsyncMetricWriter}. Not thread-safe: one writer per producer.
 */
public final class MetricWriter {
    static final String INSERT_POINT =
            "INSERT INTO metrics (run_id, metric_key, step, logged_at, metric_value) VALUES (?, ?, ?, ?, ?)";
    // Only a newer point (higher step, or same step and later or equal time) replaces the latest value.
    static final String UPSERT_LATEST = """
            INSERT INTO latest_metrics (run_id, metric_key, step, logged_at, metric_value) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (run_id, metric_key) DO UPDATE SET step = excluded.step, logged_at = excluded.logged_at,
                metric_value = excluded.metric_value
            WHERE excluded.step > latest_metrics.step
               OR (excluded.step = latest_metrics.step AND excluded.logged_at >= latest_metrics.logged_at)""";

    private final MetadataStore store;
    private final int batchSize;
    private final List<RunMetric> buffer = new ArrayList<>();

    public MetricWriter(MetadataStore store, int batchSize) {
        this.store = requireNonNull(store, "store is null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: " + batchSize + " (expected: >= 1)");
        }
        this.batchSize = batchSize;
    }

    /** Buffers a point; writes the buffer when it holds {@code batchSize} points. */
    public void add(String runId, MetricPoint point) {
        buffer.add(new RunMetric(runId, point));
        if (buffer.size() >= batchSize) {
            flush();
        }
    }

    /** Writes whatever is buffered (one transaction). */
    public void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        List<RunMetric> pending = List.copyOf(buffer);
        buffer.clear();
        write(pending);
    }

    public int buffered() {
        return buffer.size();
    }

    /** Writes {@code points} in one transaction: all of them or, on failure, none. */
    public void write(List<RunMetric> points) {
        if (points.isEmpty()) {
            return;
        }
        store.inTransaction(handle -> {
            Connection connection = handle.getConnection();
            try {
                insertPoints(connection, points);
                upsertLatest(connection, latestPerKey(points));
            } catch (SQLException e) {
                throw new KeelException(ErrorCode.STORE_UNAVAILABLE, "cannot write metrics: " + e.getMessage(), e);
            }
            return null;
        });
    }

    private static void insertPoints(Connection connection, List<RunMetric> points) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_POINT)) {
            for (RunMetric metric : points) {
                MetricPoint point = metric.point();
                insert.setString(1, metric.runId());
                insert.setString(2, point.key());
                insert.setLong(3, point.step());
                insert.setLong(4, point.timestamp());
                MetricRows.bindValue(insert, 5, point.value());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void upsertLatest(Connection connection, Iterable<RunMetric> latest) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_LATEST)) {
            for (RunMetric metric : latest) {
                MetricPoint point = metric.point();
                upsert.setString(1, metric.runId());
                upsert.setString(2, point.key());
                upsert.setLong(3, point.step());
                upsert.setLong(4, point.timestamp());
                MetricRows.bindValue(upsert, 5, point.value());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** The newest point of each (run, key) in the batch: the only one that can become the latest value. */
    static Iterable<RunMetric> latestPerKey(List<RunMetric> points) {
        Map<List<String>, RunMetric> latest = new HashMap<>();
        for (RunMetric metric : points) {
            latest.merge(List.of(metric.runId(), metric.point().key()), metric,
                    (old, candidate) -> isNewer(candidate.point(), old.point()) ? candidate : old);
        }
        return latest.values();
    }

    private static boolean isNewer(MetricPoint candidate, MetricPoint current) {
        return candidate.step() > current.step()
                || (candidate.step() == current.step() && candidate.timestamp() >= current.timestamp());
    }
}
