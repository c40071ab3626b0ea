package dev.keel.core.dataset;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * A dataset with its head version summary and its tags.
 *
 * @param head the head version, or {@code null} while the dataset has none
 * @param tags tag name to version number
 */
public record DatasetDetail(Dataset dataset, DatasetVersion head, Map<String, Integer> tags) {
    public DatasetDetail {
        requireNonNull(dataset, "dataset is null");
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(requireNonNull(tags, "tags is null")));
    }
}
