package dev.keel.monitor.series;

import static java.util.Objects.requireNonNull;

/**
 * Count, sum, min and max of a series' values at one time: a raw sample is a cell of count 1; a rollup
 * bucket is a cell that summarises many. Queries aggregate cells, so both resolutions read the same way.
 */
public record Cell(Labels labels, long timestampMillis, long count, double sum, double min, double max) {
    public Cell {
        requireNonNull(labels, "labels is null");
    }

    static Cell of(Sample sample) {
        return new Cell(sample.labels(), sample.timestampMillis(), 1, sample.value(), sample.value(), sample.value());
    }
}
