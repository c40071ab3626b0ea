package dev.keel.data.version;

import dev.keel.core.error.KeelException;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Turns a user's ref (number, vN, tag, hash prefix) into a stored version of one dataset. {@code latest}
 * means the head version unless a tag of that name has been set explicitly.
 */
final class VersionResolver {
    static final String LATEST = "latest";

    private final VersionRepository versions;

    VersionResolver(VersionRepository versions) {
        this.versions = versions;
    }

    VersionRow resolve(Handle handle, DatasetRow dataset, String field, String ref) {
        String name = dataset.dataset().name();
        VersionRef parsed = VersionRef.parse(field, ref);
        if (parsed instanceof VersionRef.Number number) {
            return versions.byNumber(handle, dataset.id(), number.number())
                    .orElseThrow(() -> KeelException.notFound("version " + ref + " of dataset " + name));
        }
        VersionRef.Name named = (VersionRef.Name) parsed;
        var tagged = versions.byTag(handle, dataset.id(), named.name());
        if (tagged.isPresent()) {
            return tagged.get();
        }
        if (named.name().equals(LATEST) && dataset.dataset().headVersion() != null) {
            return versions.byNumber(handle, dataset.id(), dataset.dataset().headVersion())
                    .orElseThrow(() -> KeelException.notFound("version " + ref + " of dataset " + name));
        }
        if (named.mayBeHashPrefix()) {
            List<VersionRow> matches = versions.byHashPrefix(handle, dataset.id(), named.name());
            long distinctHashes = matches.stream().map(VersionRow::contentHash).distinct().count();
            if (distinctHashes > 1) {
                throw KeelException.invalid(field + ": " + ref + " (expected: a hash prefix matching one content"
                        + " hash; it matches " + distinctHashes + ")");
            }
            if (!matches.isEmpty()) {
                // Identical content committed twice shares a hash: the newest version is meant.
                return matches.getFirst();
            }
        }
        throw KeelException.notFound("version " + ref + " of dataset " + name);
    }
}
