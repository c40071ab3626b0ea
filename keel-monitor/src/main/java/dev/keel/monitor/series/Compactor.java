package dev.keel.monitor.series;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls raw samples up into minute buckets and minute buckets into hour buckets, then prunes what retention
 * no longer keeps. Run it on a schedule from any number of servers: each resolution's watermark is advanced
 * by compare-and-set in the same transaction that writes the buckets, so a range is rolled up exactly once
 * (a server that loses the race writes nothing), and re-running a range deletes its buckets first, so a
 * retried compaction never counts twice. Nothing is pruned before it has been rolled up.
 */
public final class Compactor {
    private static final Logger log = LoggerFactory.getLogger(Compactor.class);

    /** How many buckets each resolution rolled up and how many rows retention removed. */
    public record Result(long minuteBucketsUntil, long hourBucketsUntil, int pruned) {}

    private final SeriesRepository series;
    private final Retention retention;
    private final Duration lateness;
    private final Clock clock;

    /** @param lateness how long after a minute ends samples for it may still arrive (write batching) */
    public Compactor(SeriesRepository series, Retention retention, Duration lateness, Clock clock) {
        this.series = requireNonNull(series, "series is null");
        this.retention = requireNonNull(retention, "retention is null");
        this.lateness = requireNonNull(lateness, "lateness is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Result compact() {
        long now = clock.millis();
        long minuteEnd = floor(now - lateness.toMillis(), Resolution.MINUTE);
        rollUp(Resolution.MINUTE, minuteEnd, """
                SELECT name, labels, (ts / 60000) * 60000 AS bucket, COUNT(*) AS c, SUM(value) AS s,
                    MIN(value) AS mn, MAX(value) AS mx
                FROM monitor_samples WHERE ts >= :from AND ts < :to
                GROUP BY name, labels, (ts / 60000) * 60000""");
        long minuteDone = series.watermark(Resolution.MINUTE);
        rollUp(Resolution.HOUR, floor(minuteDone, Resolution.HOUR), """
                SELECT name, labels, (bucket_start / 3600000) * 3600000 AS bucket, SUM(sample_count) AS c,
                    SUM(value_sum) AS s, MIN(value_min) AS mn, MAX(value_max) AS mx
                FROM monitor_rollups WHERE resolution_ms = 60000 AND bucket_start >= :from AND bucket_start < :to
                GROUP BY name, labels, (bucket_start / 3600000) * 3600000""");
        long hourDone = series.watermark(Resolution.HOUR);
        int pruned = prune(now, minuteDone, hourDone);
        return new Result(minuteDone, hourDone, pruned);
    }

    private void rollUp(Resolution target, long until, String source) {
        series.store().inTransaction(handle -> {
            long done = handle.createQuery("SELECT done_until FROM monitor_compaction WHERE resolution_ms = :r")
                    .bind("r", target.bucketMillis()).mapTo(Long.class).one();
            if (until <= done) {
                return 0;
            }
            int claimed = handle.createUpdate("""
                            UPDATE monitor_compaction SET done_until = :until
                            WHERE resolution_ms = :r AND done_until = :done""")
                    .bind("until", until).bind("r", target.bucketMillis()).bind("done", done).execute();
            if (claimed == 0) {
                return 0; // another server rolled this range up meanwhile
            }
            handle.createUpdate("""
                            DELETE FROM monitor_rollups
                            WHERE resolution_ms = :r AND bucket_start >= :from AND bucket_start < :to""")
                    .bind("r", target.bucketMillis()).bind("from", done).bind("to", until).execute();
            int written = handle.createUpdate("""
                            INSERT INTO monitor_rollups (name, labels, resolution_ms, bucket_start, sample_count,
                                value_sum, value_min, value_max)
                            SELECT name, labels, :r, bucket, c, s, mn, mx FROM (""" + source + ") AS grouped")
                    .bind("r", target.bucketMillis()).bind("from", done).bind("to", until).execute();
            log.debug("rolled up {} {} buckets before {}", written, target.label(), until);
            return written;
        });
    }

    private int prune(long now, long minuteDone, long hourDone) {
        long rawBefore = Math.min(now - retention.raw().toMillis(), minuteDone);
        long minuteBefore = Math.min(now - retention.minute().toMillis(), hourDone);
        long hourBefore = now - retention.hour().toMillis();
        return series.store().inTransaction(handle -> handle.createUpdate(
                                "DELETE FROM monitor_samples WHERE ts < :before")
                        .bind("before", rawBefore).execute()
                + handle.createUpdate("DELETE FROM monitor_rollups WHERE resolution_ms = 60000 AND bucket_start < :before")
                        .bind("before", minuteBefore).execute()
                + handle.createUpdate("DELETE FROM monitor_rollups WHERE resolution_ms = 3600000 AND bucket_start < :before")
                        .bind("before", hourBefore).execute());
    }

    static long floor(long millis, Resolution resolution) {
        return Math.floorDiv(millis, resolution.bucketMillis()) * resolution.bucketMillis();
    }
}
