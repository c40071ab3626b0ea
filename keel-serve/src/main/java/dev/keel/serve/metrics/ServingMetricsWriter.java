package dev.keel.serve.metrics;

import static java.util.Objects.requireNonNull;

import dev.keel.serve.batching.BatchListener;
import dev.keel.serve.deploy.ServingObserver;
import dev.keel.store.metadata.MetadataStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects per-version serving counters and writes one {@code serving_metrics} row per endpoint, version and
 * interval each time {@link #flush} runs (the server calls it on a schedule; tests call it directly). Idle
 * intervals write nothing.
 */
public final class ServingMetricsWriter implements ServingObserver {
    private static final Logger log = LoggerFactory.getLogger(ServingMetricsWriter.class);

    private final MetadataStore store;
    private final Clock clock;
    private final IntervalSink sink;
    private final Map<String, VersionStats> live = new ConcurrentHashMap<>();
    private volatile long intervalStart;

    public ServingMetricsWriter(MetadataStore store, Clock clock) {
        this(store, clock, IntervalSink.NONE);
    }

    /** @param sink also receives every non-empty interval (the metrics store), after its row is written */
    public ServingMetricsWriter(MetadataStore store, Clock clock, IntervalSink sink) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sink = requireNonNull(sink, "sink is null");
        this.intervalStart = clock.millis();
    }

    @Override
    public BatchListener versionStarted(String endpoint, String model, String version, IntSupplier queueDepth) {
        VersionStats stats = new VersionStats(endpoint, model, version, queueDepth);
        live.put(endpoint + "\u0000" + version, stats);
        return stats;
    }

    @Override
    public void versionStopped(String endpoint, String model, String version) {
        VersionStats stats = live.remove(endpoint + "\u0000" + version);
        if (stats != null) {
            write(List.of(stats), intervalStart, clock.millis());
        }
    }

    /** Writes the interval since the last flush; returns the rows written. */
    public int flush() {
        long start = intervalStart;
        long end = Math.max(clock.millis(), start + 1);
        intervalStart = end;
        return write(List.copyOf(live.values()), start, end);
    }

    private int write(List<VersionStats> versions, long start, long end) {
        int written = 0;
        for (VersionStats stats : versions) {
            ServingInterval s = stats.drain(start, end);
            if (s.isEmpty()) {
                continue;
            }
            try {
                store.inTransaction(handle -> handle.createUpdate("""
                        INSERT INTO serving_metrics (endpoint, model, version, interval_start, interval_end, requests,
                            errors, rejected, expired, batches, batch_rows, queue_nanos_total, queue_nanos_max,
                            compute_nanos_total, compute_nanos_max, queue_depth)
                        VALUES (:endpoint, :model, :version, :start, :end, :requests, :errors, :rejected, :expired,
                            :batches, :batchRows, :queueTotal, :queueMax, :computeTotal, :computeMax, :queueDepth)
                        """)
                        .bind("endpoint", stats.endpoint).bind("model", stats.model).bind("version", stats.version)
                        .bind("start", start).bind("end", end).bind("requests", s.requests()).bind("errors", s.errors())
                        .bind("rejected", s.rejected()).bind("expired", s.expired()).bind("batches", s.batches())
                        .bind("batchRows", s.batchRows()).bind("queueTotal", s.queueNanosTotal())
                        .bind("queueMax", s.queueNanosMax()).bind("computeTotal", s.computeNanosTotal())
                        .bind("computeMax", s.computeNanosMax()).bind("queueDepth", s.queueDepth())
                        .execute());
                written++;
            } catch (RuntimeException e) {
                // Metrics must never fail serving: log and drop this interval's row.
                log.warn("could not write serving metrics for {} version {}: {}", stats.endpoint, stats.version, e.toString());
            }
            try {
                sink.interval(s);
            } catch (RuntimeException e) {
                log.warn("serving metrics sink failed for {} version {}: {}", stats.endpoint, stats.version, e.toString());
            }
        }
        return written;
    }
}
