package dev.keel.core.dataset;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A version with everything stored for it: the manifest (sorted by path) and what the format profiler and
 * split planner computed at commit time. The JSON parts are {@code null} when the commit named no format.
 */
public record DatasetVersionDetail(DatasetVersion version, List<ManifestEntry> manifest, JsonNode format,
        JsonNode schema, JsonNode statistics, JsonNode splits) {
    public DatasetVersionDetail {
        requireNonNull(version, "version is null");
        manifest = List.copyOf(manifest);
    }
}
