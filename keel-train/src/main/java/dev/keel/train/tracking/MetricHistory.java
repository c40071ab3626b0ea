package dev.keel.train.tracking;

import static java.util.Objects.requireNonNull;

import dev.keel.store.metadata.MetadataStore;
import java.util.List;

/** Reads a metric's full series in step order (then time order), a page at a time. */
final class MetricHistory {
    private final MetadataStore store;

    MetricHistory(MetadataStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    List<MetricPoint> read(String runId, String key, int offset, int limit) {
        return store.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT * FROM metrics WHERE run_id = :run AND metric_key = :key
                        ORDER BY step, logged_at LIMIT :limit OFFSET :offset""")
                .bind("run", runId)
                .bind("key", key)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> MetricRows.point(rs))
                .list());
    }
}
