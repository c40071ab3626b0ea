package dev.keel.data.stats;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.keel.data.record.ColumnType;
import dev.keel.data.record.DType;
import java.util.List;

/**
 * Statistics of one column. Fields that do not apply to the column's type are {@code null} (and left out of
 * the JSON).
 *
 * @param missing   rows without a value
 * @param min       integer and float columns: smallest value; tensor columns: smallest element (pixel)
 * @param max       largest value or element
 * @param mean      mean value, or mean element over every tensor (the pixel mean)
 * @param std       population standard deviation of the values, or of every tensor element (the pixel std)
 * @param distinct  string columns: number of distinct values, or {@code null} when above {@link #DISTINCT_LIMIT}
 * @param trueCount boolean columns: rows whose value is true
 * @param dtype     tensor columns: element type
 * @param shape     tensor columns: the shape every tensor has, or {@code null} when shapes differ
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnStatistics(String name, ColumnType type, long missing, Double min, Double max, Double mean, Double std,
                               Long distinct, Long trueCount, DType dtype, List<Integer> shape) {
    /** Above this many distinct strings the count is dropped, which bounds the memory of profiling. */
    public static final int DISTINCT_LIMIT = 1000;

    public ColumnStatistics {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (missing < 0) {
            throw new IllegalArgumentException("missing: " + missing + " (expected: >= 0)");
        }
        shape = shape == null ? null : List.copyOf(shape);
    }
}
