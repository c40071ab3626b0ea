package dev.keel.data.version;

import static java.util.Objects.requireNonNull;

import dev.keel.core.dataset.DatasetVersion;
import dev.keel.core.dataset.ManifestEntry;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.error.Problems;
import dev.keel.data.ingest.ChunkedFileStore;
import dev.keel.store.metadata.MetadataStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Turns a {@link CommitRequest} into a stored version. Everything slow (checking blobs, chunking text that
 * arrived whole, profiling) happens before the one transaction that moves the head, inserts the version,
 * its manifest and its tags; so a version exists completely or not at all, and of two commits on the same
 * parent exactly one moves the head and the other gets {@code CONCURRENT_MODIFICATION}.
 */
final class VersionCommitter {
    private final MetadataStore metadata;
    private final ChunkedFileStore files;
    private final VersionProfiler profiler;
    private final DatasetRepository datasets;
    private final VersionRepository versions;
    private final VersionResolver resolver;
    private final Clock clock;
    private final Supplier<String> ids;

    VersionCommitter(MetadataStore metadata, ChunkedFileStore files, VersionProfiler profiler,
            DatasetRepository datasets, VersionRepository versions, Clock clock, Supplier<String> ids) {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.files = requireNonNull(files, "files is null");
        this.profiler = requireNonNull(profiler, "profiler is null");
        this.datasets = datasets;
        this.versions = versions;
        this.resolver = new VersionResolver(versions);
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = requireNonNull(ids, "ids is null");
    }

    DatasetVersion commit(String project, String name, CommitRequest request) {
        Problems problems = new Problems();
        request.tags().forEach(tag -> problems.require(VersionRef.isValidTag(tag), "tags", tag,
                "a tag: a letter, then letters, digits, '.', '_' or '-' (at most 63), not a version number"));
        Set<String> addedPaths = new HashSet<>();
        for (int i = 0; i < request.add().size(); i++) {
            String path = request.add().get(i).path();
            DatasetPaths.check(problems, "add[" + i + "].path", path);
            problems.require(addedPaths.add(path), "add[" + i + "].path", path, "each path at most once");
        }
        for (int i = 0; i < request.remove().size(); i++) {
            DatasetPaths.check(problems, "remove[" + i + "]", request.remove().get(i));
        }
        problems.throwIfAny("commit");

        record Base(DatasetRow dataset, VersionRow parent, List<ManifestEntry> manifest) {}
        Base base = metadata.jdbi().inTransaction(handle -> {
            DatasetRow dataset = datasets.get(handle, project, name);
            VersionRow parent = request.parent() == null ? null
                    : resolver.resolve(handle, dataset, "parent", request.parent());
            return new Base(dataset, parent, parent == null ? List.of() : versions.manifest(handle, parent.id()));
        });
        String parentId = base.parent() == null ? null : base.parent().id();
        if (!java.util.Objects.equals(parentId, base.dataset().headVersionId())) {
            throw notHead(name, base.parent());
        }

        Map<String, ManifestEntry> manifest = new TreeMap<>(ContentHash.UTF8_ORDER);
        base.manifest().forEach(entry -> manifest.put(entry.path(), entry));
        for (int i = 0; i < request.remove().size(); i++) {
            String path = request.remove().get(i);
            problems.require(manifest.remove(path) != null, "remove[" + i + "]", path,
                    "a file of the parent version");
        }
        List<String> redundantBlobs = new ArrayList<>();
        for (int i = 0; i < request.add().size(); i++) {
            ManifestEntry entry = request.add().get(i);
            if (!files.contains(entry.sha256())) {
                problems.add("add[" + i + "].sha256", entry.sha256(), "the hash of uploaded content (upload "
                        + entry.path() + " first)");
                continue;
            }
            long size = files.size(entry.sha256());
            if (size != entry.size()) {
                problems.add("add[" + i + "].size", entry.size(), size + ", the size of blob " + entry.sha256());
                continue;
            }
            if (files.chunkWholeBlob(entry.path(), entry.sha256())) {
                redundantBlobs.add(entry.sha256());
            }
            manifest.put(entry.path(), entry);
        }
        problems.throwIfAny("commit");

        List<ManifestEntry> entries = List.copyOf(manifest.values());
        VersionProfile profile = profiler.profile(new StoredVersionFiles(entries, files), request.format(),
                request.split());
        String versionId = ids.get();
        Instant now = clock.instant();
        DatasetVersion committed = metadata.inTransaction(handle -> {
            // The head moves first: it locks the dataset row, so the loser of a race waits here and then
            // finds the head changed, before it has written anything.
            int number = datasets.moveHead(handle, base.dataset().id(), parentId, versionId)
                    .orElseThrow(() -> notHead(name, base.parent()));
            versions.insert(handle, new VersionRepository.NewVersion(versionId, base.dataset().id(), number,
                    parentId, ContentHash.of(entries), request.message(), request.author(), now, entries,
                    request.format(), request.split(), profile));
            for (String tag : request.tags()) {
                versions.setTag(handle, base.dataset().id(), tag, versionId, request.author(), now, ids.get());
            }
            return versions.summary(handle, versionId, name);
        });
        // Only now is nothing reading the whole copies: every reader of those hashes goes through the chunks.
        redundantBlobs.forEach(files.blobs()::delete);
        return committed;
    }

    private static KeelException notHead(String name, VersionRow parent) {
        String expected = parent == null ? "no version yet" : "v" + parent.number();
        return new KeelException(ErrorCode.CONCURRENT_MODIFICATION, "dataset " + name + ": parent " + expected
                + " is not the head any more; fetch the head and commit again",
                List.of("parent: " + expected + " (expected: the dataset's current head)"));
    }
}
