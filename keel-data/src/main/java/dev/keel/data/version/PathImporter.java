package dev.keel.data.version;

import dev.keel.core.dataset.ManifestEntry;
import dev.keel.core.error.KeelException;
import dev.keel.data.ingest.ChunkedFileStore;
import dev.keel.store.blob.BlobRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Streams a folder's regular files (or one file) into the store; symbolic links are not followed. */
final class PathImporter {
    private final ChunkedFileStore files;

    PathImporter(ChunkedFileStore files) {
        this.files = files;
    }

    List<ManifestEntry> storeAll(Path root) {
        if (!Files.exists(root)) {
            throw KeelException.invalid("path: " + root + " (expected: an existing folder or file on the server)");
        }
        List<ManifestEntry> stored = new ArrayList<>();
        try {
            if (Files.isRegularFile(root)) {
                stored.add(store(root, root.getFileName().toString()));
                return stored;
            }
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(root)) {
                paths = walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().toList();
            }
            for (Path file : paths) {
                stored.add(store(file, root.relativize(file).toString().replace(java.io.File.separatorChar, '/')));
            }
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("importing " + root, e);
        }
    }

    private ManifestEntry store(Path file, String path) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            BlobRef ref = files.store(path, in);
            return new ManifestEntry(path, ref.size(), ref.sha256());
        }
    }
}
