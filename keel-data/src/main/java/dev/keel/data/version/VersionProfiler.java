package dev.keel.data.version;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.data.DatasetFiles;

/**
 * The seam between committing and the format readers: reads a version's files (before it is stored) and
 * answers schema, statistics, splits and row counts. Throws {@code MALFORMED_DATA} (naming file, line and
 * column) for bad data, which fails the commit.
 */
public interface VersionProfiler {
    VersionProfile profile(DatasetFiles files, JsonNode format, JsonNode split);

    /** Profiles nothing: versions carry no schema. */
    VersionProfiler NONE = (files, format, split) -> VersionProfile.empty();
}
