package dev.keel.data.wellknown;

import static java.util.Objects.requireNonNull;

import dev.keel.core.dataset.DatasetVersion;
import dev.keel.core.dataset.ManifestEntry;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.archive.TarReader;
import dev.keel.data.ingest.ChunkedFileStore;
import dev.keel.data.version.CommitRequest;
import dev.keel.data.version.ContentHash;
import dev.keel.data.version.DatasetService;
import dev.keel.store.blob.BlobRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Imports a {@link WellKnownDataset} as a new version: finds the genuine files (a given folder or .tgz, the
 * system package's folder, or, only when asked, a download), checks each against its embedded SHA-256 and
 * commits them on the head. A file that does not match fails the import with {@code HASH_MISMATCH} naming
 * it, before any version is created (its bytes may already be in the blob store, unreferenced).
 */
public final class WellKnownImporter {
    private final DatasetService service;
    private final ChunkedFileStore files;
    private final WellKnownDownloader downloader;
    private final Path workDir;

    /** @param workDir where downloads are kept while they are imported (deleted afterwards) */
    public WellKnownImporter(DatasetService service, ChunkedFileStore files, WellKnownDownloader downloader,
            Path workDir) {
        this.service = requireNonNull(service, "service is null");
        this.files = requireNonNull(files, "files is null");
        this.downloader = requireNonNull(downloader, "downloader is null");
        this.workDir = requireNonNull(workDir, "workDir is null");
    }

    public DatasetVersion importDataset(WellKnownRequest request) {
        WellKnownDataset dataset = WellKnownDataset.parse(request.dataset());
        String name = request.name() == null || request.name().isBlank() ? dataset.id() : request.name();
        Path download = null;
        try {
            // A given path wins; then a download, when asked for; then the system package's copy.
            Path source = request.path();
            if (source == null && request.download()) {
                download = Files.createTempDirectory(Files.createDirectories(workDir), "download-");
                source = downloader.download(dataset, download);
            }
            if (source == null) {
                source = dataset.localCopy().filter(Files::isDirectory).orElse(null);
            }
            if (source == null) {
                throw KeelException.invalid("path: none (expected: a folder or .tgz holding the genuine "
                        + dataset.id() + " files, or download: true to fetch them from " + dataset.downloadBase()
                        + dataset.archive().map(WellKnownFile::name).orElse("") + ")");
            }
            if (!Files.exists(source)) {
                throw KeelException.invalid("path: " + source + " (expected: an existing folder or .tgz)");
            }
            List<ManifestEntry> stored = storeVerified(dataset, source);
            return commit(request, dataset, name, stored, source);
        } catch (IOException e) {
            throw new UncheckedIOException("importing " + dataset.id(), e);
        } finally {
            if (download != null) {
                deleteQuietly(download);
            }
        }
    }

    private DatasetVersion commit(WellKnownRequest request, WellKnownDataset dataset, String name,
            List<ManifestEntry> stored, Path source) {
        DatasetVersion head;
        try {
            head = service.getDataset(request.project(), name).head();
        } catch (KeelException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            service.createDataset(request.project(), name, "Well-known dataset " + dataset.id());
            head = null;
        }
        if (head != null && head.contentHash().equals(ContentHash.of(stored))) {
            return head;
        }
        List<String> remove = new ArrayList<>();
        if (head != null) {
            var paths = stored.stream().map(ManifestEntry::path).toList();
            service.manifest(request.project(), name, String.valueOf(head.number())).stream()
                    .map(ManifestEntry::path).filter(path -> !paths.contains(path)).forEach(remove::add);
        }
        return service.commit(request.project(), name, new CommitRequest(
                head == null ? null : String.valueOf(head.number()),
                "import " + dataset.id() + " (genuine files verified by SHA-256) from "
                        + (request.path() == null && request.download() ? dataset.downloadBase() : source),
                request.author(), List.of(), stored, remove, null, defaultSplit(dataset)));
    }

    /**
     * MNIST and Fashion-MNIST bring their own train/test files; the IMDB package is one table, so it gets a
     * fixed, seeded 80/20 random split to be trainable right after import.
     */
    private static com.fasterxml.jackson.databind.JsonNode defaultSplit(WellKnownDataset dataset) {
        if (dataset != WellKnownDataset.IMDB) {
            return null;
        }
        var json = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        var split = json.objectNode().put("kind", "random").put("table", "reviews").put("seed", 42L);
        split.putObject("ratios").put("train", 0.8).put("test", 0.2);
        return split;
    }

    private List<ManifestEntry> storeVerified(WellKnownDataset dataset, Path source) throws IOException {
        Map<String, WellKnownFile> expected = new LinkedHashMap<>();
        dataset.files().forEach(file -> expected.put(file.name(), file));
        Map<String, ManifestEntry> stored = new LinkedHashMap<>();
        String lower = source.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (Files.isRegularFile(source) && (lower.endsWith(".tgz") || lower.endsWith(".tar.gz"))) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(source), 1 << 16)) {
                TarReader tar = new TarReader(in);
                for (Optional<TarReader.Entry> entry = tar.next(); entry.isPresent(); entry = tar.next()) {
                    WellKnownFile file = expected.get(baseName(entry.get().path()));
                    if (file != null && !stored.containsKey(file.name())) {
                        stored.put(file.name(), store(dataset, file, entry.get().content()));
                    }
                }
            }
        } else if (Files.isDirectory(source)) {
            try (Stream<Path> walk = Files.walk(source, 4)) {
                for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                    WellKnownFile file = expected.get(path.getFileName().toString());
                    if (file != null && !stored.containsKey(file.name())) {
                        try (InputStream in = Files.newInputStream(path)) {
                            stored.put(file.name(), store(dataset, file, in));
                        }
                    }
                }
            }
        }
        List<String> missing = expected.keySet().stream().filter(n -> !stored.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw KeelException.invalid("path: " + source + " (expected: a folder or .tgz holding "
                    + String.join(", ", missing) + ")");
        }
        return stored.values().stream().sorted(java.util.Comparator.comparing(ManifestEntry::path)).toList();
    }

    private ManifestEntry store(WellKnownDataset dataset, WellKnownFile file, InputStream content) throws IOException {
        if (dataset == WellKnownDataset.IMDB) {
            return new ImdbConversion(files, workDir).verifyAndStore(file, content);
        }
        BlobRef ref = files.store(file.name(), content);
        GenuineFiles.check(file, ref.sha256(), ref.size());
        return new ManifestEntry(file.name(), ref.size(), ref.sha256());
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A leftover temporary download wastes disk space and nothing else.
        }
    }
}
