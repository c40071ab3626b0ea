package dev.keel.train.data;

import dev.keel.core.dataset.ManifestEntry;
import dev.keel.core.error.KeelException;
import dev.keel.core.hash.Sha256;
import dev.keel.data.DatasetFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files under a local folder seen as a dataset version (paths relative to it, '/'-separated): lets a
 * benchmark or a local run read a folder such as Debian's Fashion-MNIST files through keel-data's readers.
 */
public final class FolderFiles implements DatasetFiles {
    private final Path root;
    private final List<ManifestEntry> entries;

    public FolderFiles(Path root) {
        this.root = root;
        try (Stream<Path> walk = Files.walk(root)) {
            this.entries = walk.filter(Files::isRegularFile).map(this::entry)
                    .sorted(Comparator.comparing(ManifestEntry::path)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private ManifestEntry entry(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = Sha256.newDigest();
            byte[] buffer = new byte[1 << 16];
            long size = 0;
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
                size += read;
            }
            String path = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            return new ManifestEntry(path, size, Sha256.hex(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public List<ManifestEntry> files() {
        return entries;
    }

    @Override
    public InputStream open(String path) {
        if (entries.stream().noneMatch(entry -> entry.path().equals(path))) {
            throw KeelException.notFound("file " + path);
        }
        try {
            return Files.newInputStream(root.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path, e);
        }
    }
}
