package dev.keel.data.version;

import static java.util.Objects.requireNonNull;

import dev.keel.core.dataset.ManifestEntry;
import dev.keel.core.error.KeelException;
import dev.keel.data.DatasetFiles;
import dev.keel.data.ingest.ChunkedFileStore;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A manifest's files read from the store (reassembled and hash-verified by {@link ChunkedFileStore}). */
final class StoredVersionFiles implements DatasetFiles {
    private final List<ManifestEntry> manifest;
    private final Map<String, ManifestEntry> byPath = new LinkedHashMap<>();
    private final ChunkedFileStore store;

    StoredVersionFiles(List<ManifestEntry> manifest, ChunkedFileStore store) {
        this.manifest = List.copyOf(manifest);
        this.store = requireNonNull(store, "store is null");
        manifest.forEach(entry -> byPath.put(entry.path(), entry));
    }

    @Override
    public List<ManifestEntry> files() {
        return manifest;
    }

    @Override
    public InputStream open(String path) {
        ManifestEntry entry = byPath.get(path);
        if (entry == null) {
            throw KeelException.notFound("file " + path);
        }
        return store.open(entry.sha256());
    }
}
