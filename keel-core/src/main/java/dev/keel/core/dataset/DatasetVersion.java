package dev.keel.core.dataset;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Summary of one immutable dataset version. Versions never change after their commit; only tags move.
 *
 * @param number position in the dataset's history, from 1, never reused
 * @param parent number of the version this one was committed on, or {@code null} for the first
 * @param contentHash SHA-256 of the canonical manifest (see {@code dev.keel.data.version.ContentHash}):
 *     identical files at identical paths give an identical hash
 * @param rowCounts rows per table (file or split) when the format is known; empty otherwise
 */
public record DatasetVersion(String id, String dataset, int number, Integer parent, String contentHash,
        String message, String author, Instant createdAt, List<String> tags, int fileCount, long totalBytes,
        Map<String, Long> rowCounts) {
    public DatasetVersion {
        requireNonNull(id, "id is null");
        requireNonNull(dataset, "dataset is null");
        if (number < 1) {
            throw new IllegalArgumentException("number: " + number + " (expected: >= 1)");
        }
        requireNonNull(contentHash, "contentHash is null");
        message = message == null ? "" : message;
        requireNonNull(author, "author is null");
        requireNonNull(createdAt, "createdAt is null");
        tags = List.copyOf(tags);
        rowCounts = java.util.Collections.unmodifiableMap(new TreeMap<>(rowCounts));
    }
}
