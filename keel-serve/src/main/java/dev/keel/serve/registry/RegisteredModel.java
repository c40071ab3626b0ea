package dev.keel.serve.registry;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/** A named model in a project: its versions are {@link ModelVersion}s; aliases map a name to a version. */
public record RegisteredModel(String id, String project, String name, Optional<String> description,
                              Map<String, String> tags, Map<String, Integer> aliases, Optional<Integer> latestVersion,
                              long createdAt, long updatedAt) {
    public RegisteredModel {
        requireNonNull(id, "id is null");
        requireNonNull(project, "project is null");
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        tags = Map.copyOf(requireNonNull(tags, "tags is null"));
        aliases = Map.copyOf(requireNonNull(aliases, "aliases is null"));
        requireNonNull(latestVersion, "latestVersion is null");
    }
}
