package dev.keel.data.version;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What the format profiler and split planner computed for a version at commit time; stored with it.
 *
 * @param rowCounts rows per table (file or split)
 */
public record VersionProfile(JsonNode schema, JsonNode statistics, JsonNode splits, Map<String, Long> rowCounts) {
    public VersionProfile {
        rowCounts = rowCounts == null ? Map.of() : Map.copyOf(rowCounts);
    }

    public static VersionProfile empty() {
        return new VersionProfile(null, null, null, Map.of());
    }
}
