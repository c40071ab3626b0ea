package dev.keel.data.version;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * A server-side folder or file to snapshot as a new version: the version holds exactly the files found
 * (a folder's files at their relative paths, a single file at its name).
 *
 * @param parent ref of the expected parent; {@code null} means the current head
 */
public record ImportRequest(Path path, String parent, String message, String author, List<String> tags,
        JsonNode format, JsonNode split) {
    public ImportRequest {
        requireNonNull(path, "path is null");
        message = message == null ? "" : message;
        requireNonNull(author, "author is null");
        tags = tags == null ? List.of() : List.copyOf(tags);
        // JSON null arrives as a NullNode; it means "not given", like a missing field.
        format = format == null || format.isNull() ? null : format;
        split = split == null || split.isNull() ? null : split;
    }
}
