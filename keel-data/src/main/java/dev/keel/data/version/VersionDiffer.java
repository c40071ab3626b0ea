package dev.keel.data.version;

import dev.keel.core.dataset.DatasetDiff;
import dev.keel.core.dataset.DatasetVersionDetail;
import dev.keel.core.dataset.ManifestEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Compares two manifests path by path, and the row counts of both versions table by table. */
final class VersionDiffer {
    private VersionDiffer() {}

    static DatasetDiff diff(DatasetVersionDetail from, DatasetVersionDetail to) {
        Map<String, ManifestEntry> before = byPath(from.manifest());
        Map<String, ManifestEntry> after = byPath(to.manifest());
        List<ManifestEntry> added = new ArrayList<>();
        List<ManifestEntry> removed = new ArrayList<>();
        List<DatasetDiff.FileChange> changed = new ArrayList<>();
        after.forEach((path, entry) -> {
            ManifestEntry old = before.get(path);
            if (old == null) {
                added.add(entry);
            } else if (!old.sha256().equals(entry.sha256())) {
                changed.add(new DatasetDiff.FileChange(path, old.size(), entry.size(), old.sha256(), entry.sha256()));
            }
        });
        before.forEach((path, entry) -> {
            if (!after.containsKey(path)) {
                removed.add(entry);
            }
        });
        Map<String, DatasetDiff.RowCountChange> rows = new TreeMap<>();
        var tables = new TreeSet<>(from.version().rowCounts().keySet());
        tables.addAll(to.version().rowCounts().keySet());
        for (String table : tables) {
            rows.put(table, new DatasetDiff.RowCountChange(from.version().rowCounts().get(table),
                    to.version().rowCounts().get(table)));
        }
        return new DatasetDiff(from.version().number(), to.version().number(), added, removed, changed, rows);
    }

    private static Map<String, ManifestEntry> byPath(List<ManifestEntry> manifest) {
        Map<String, ManifestEntry> map = new TreeMap<>(ContentHash.UTF8_ORDER);
        manifest.forEach(entry -> map.put(entry.path(), entry));
        return map;
    }
}
