package dev.keel.monitor.series;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.KeelException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers range queries from the finest resolution whose retention still covers the start of the range. A
 * rollup resolution only holds what compaction has reached, so the newer end of the range is read from the
 * next finer resolution: a query always sees the latest samples.
 */
public final class SeriesQueries {
    private final SeriesRepository series;
    private final Retention retention;
    private final Clock clock;

    public SeriesQueries(SeriesRepository series, Retention retention, Clock clock) {
        this.series = requireNonNull(series, "series is null");
        this.retention = requireNonNull(retention, "retention is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Resolution resolutionFor(long from) {
        long now = clock.millis();
        if (from >= now - retention.raw().toMillis()) {
            return Resolution.RAW;
        }
        if (from >= now - retention.minute().toMillis()) {
            return Resolution.MINUTE;
        }
        return Resolution.HOUR;
    }

    public QueryResult query(SeriesQuery query) {
        Resolution resolution = resolutionFor(query.from());
        if (query.aggregation().needsRawValues() && resolution != Resolution.RAW) {
            throw KeelException.invalid("agg: " + query.aggregation().jsonName() + " (expected: sum, count, avg, min,"
                    + " max or rate for a range starting before the raw retention of " + retention.raw() + ")");
        }
        long stepMillis = Math.max(query.step().toMillis(), resolution.bucketMillis());
        List<Cell> cells = cells(query.name(), query.match(), resolution, query.from(), query.to());
        Map<Labels, TreeMap<Long, Accumulator>> groups = new LinkedHashMap<>();
        for (Cell cell : cells) {
            if (!cell.labels().matches(query.match())) {
                continue;
            }
            Labels group = cell.labels().only(query.groupBy());
            long bucket = query.from() + Math.floorDiv(cell.timestampMillis() - query.from(), stepMillis) * stepMillis;
            groups.computeIfAbsent(group, g -> new TreeMap<>())
                    .computeIfAbsent(bucket, b -> new Accumulator(query.aggregation().needsRawValues()))
                    .add(cell);
        }
        List<QueryResult.Series> result = new ArrayList<>();
        groups.forEach((labels, buckets) -> {
            List<QueryResult.Point> points = new ArrayList<>(buckets.size());
            buckets.forEach((bucket, acc) -> points.add(
                    new QueryResult.Point(bucket, acc.value(query.aggregation(), stepMillis))));
            result.add(new QueryResult.Series(labels, points));
        });
        result.sort((a, b) -> a.labels().json().compareTo(b.labels().json()));
        return new QueryResult(query.name(), resolution, Duration.ofMillis(stepMillis), query.aggregation(), result);
    }

    private List<Cell> cells(String name, Map<String, String> match, Resolution resolution, long from, long to) {
        if (resolution == Resolution.RAW) {
            return series.raw(name, match, from, to);
        }
        long done = series.watermark(resolution);
        // Buckets are stored by start: take those starting at or after the bucket that holds `from`.
        long alignedFrom = Compactor.floor(from, resolution);
        List<Cell> cells = new ArrayList<>(series.rollups(name, match, resolution, alignedFrom, Math.min(to, done)));
        if (to > done) {
            Resolution finer = resolution == Resolution.HOUR ? Resolution.MINUTE : Resolution.RAW;
            cells.addAll(cells(name, match, finer, Math.max(from, done), to));
        }
        return cells;
    }

    /** Folds the cells of one step and group. */
    private static final class Accumulator {
        private long count;
        private double sum;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private double[] values;
        private int size;

        Accumulator(boolean keepValues) {
            this.values = keepValues ? new double[8] : null;
        }

        void add(Cell cell) {
            count += cell.count();
            sum += cell.sum();
            min = Math.min(min, cell.min());
            max = Math.max(max, cell.max());
            if (values != null) {
                if (size == values.length) {
                    values = Arrays.copyOf(values, size * 2);
                }
                values[size++] = cell.sum(); // raw cells: sum is the value
            }
        }

        double value(Aggregation aggregation, long stepMillis) {
            return switch (aggregation) {
                case SUM -> sum;
                case COUNT -> count;
                case AVG -> sum / count;
                case MIN -> min;
                case MAX -> max;
                case RATE -> sum / (stepMillis / 1000.0);
                case P50, P90, P99 -> quantile(aggregation.quantile());
            };
        }

        /** Nearest-rank quantile of the raw values. */
        private double quantile(double q) {
            double[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(q * size);
            return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
        }
    }
}
