package dev.keel.data.version;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.core.dataset.ManifestEntry;
import java.util.List;

/**
 * A new version described as changes to its parent.
 *
 * @param parent ref of the version the change was built on ({@code null} for a dataset's first version);
 *     the commit fails with {@code CONCURRENT_MODIFICATION} unless it is still the head
 * @param add files to add or replace, by the whole-file SHA-256 of content already in the store
 * @param remove paths of the parent to drop
 * @param format format options (JSON of {@code dev.keel.data.format.FormatOptions}), or {@code null}
 * @param split split spec (JSON), or {@code null}
 */
public record CommitRequest(String parent, String message, String author, List<String> tags,
        List<ManifestEntry> add, List<String> remove, JsonNode format, JsonNode split) {
    public CommitRequest {
        message = message == null ? "" : message;
        requireNonNull(author, "author is null");
        tags = tags == null ? List.of() : List.copyOf(tags);
        // JSON null arrives as a NullNode; it means "not given", like a missing field.
        format = format == null || format.isNull() ? null : format;
        split = split == null || split.isNull() ? null : split;
        add = add == null ? List.of() : List.copyOf(add);
        remove = remove == null ? List.of() : List.copyOf(remove);
    }
}
