package dev.keel.core.dataset;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What changed between two versions: files only in {@code to} (added), only in {@code from} (removed), at
 * the same path with different content (changed), and row counts per table on both sides.
 */
public record DatasetDiff(int from, int to, List<ManifestEntry> added, List<ManifestEntry> removed,
        List<FileChange> changed, Map<String, RowCountChange> rowCounts) {
    public DatasetDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        rowCounts = java.util.Collections.unmodifiableMap(new TreeMap<>(rowCounts));
    }

    /** One path whose content differs. */
    public record FileChange(String path, long fromSize, long toSize, String fromSha256, String toSha256) {
        public FileChange {
            requireNonNull(path, "path is null");
            requireNonNull(fromSha256, "fromSha256 is null");
            requireNonNull(toSha256, "toSha256 is null");
        }
    }

    /** Rows of one table in each version; {@code null} where the table does not exist on that side. */
    public record RowCountChange(Long from, Long to) {}
}
