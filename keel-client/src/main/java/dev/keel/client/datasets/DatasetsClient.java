package dev.keel.client.datasets;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.client.KeelClient;
import dev.keel.client.UploadedBlob;
import dev.keel.core.dataset.Dataset;
import dev.keel.core.dataset.DatasetDetail;
import dev.keel.core.dataset.DatasetDiff;
import dev.keel.core.dataset.DatasetVersion;
import dev.keel.core.dataset.DatasetVersionDetail;
import dev.keel.core.dataset.ManifestEntry;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/** {@code /api/v1/datasets}: datasets, versions, tags, diffs, downloads and record streams. */
public final class DatasetsClient {
    private static final String BASE = "/api/v1/datasets";

    private final KeelClient client;

    public DatasetsClient(KeelClient client) {
        this.client = requireNonNull(client, "client is null");
    }

    public Dataset create(String name, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", description == null ? "" : description);
        return client.post(BASE, body, Dataset.class);
    }

    public List<Dataset> list() {
        return client.get(BASE, DatasetList.class).datasets();
    }

    public DatasetDetail get(String name) {
        return client.get(BASE + "/" + KeelClient.segment(name), DatasetDetail.class);
    }

    public List<DatasetVersion> versions(String name, int limit, int offset) {
        return client.get(BASE + "/" + KeelClient.segment(name) + "/versions?limit=" + limit + "&offset=" + offset,
                VersionList.class).versions();
    }

    public DatasetVersionDetail version(String name, String ref) {
        return client.get(versionPath(name, ref), DatasetVersionDetail.class);
    }

    /** Commits content already on the server (see {@link #commitFiles} to upload local files first). */
    public DatasetVersion commit(String name, Commit commit) {
        return client.post(BASE + "/" + KeelClient.segment(name) + "/versions", commit, DatasetVersion.class);
    }

    /**
     * Uploads local files (skipping content the server already has) and commits them on {@code parent}
     * ({@code null}: the current head).
     *
     * @param files path in the version → local file
     * @param progress running total of bytes uploaded or skipped
     */
    public DatasetVersion commitFiles(String name, String parent, String message, List<String> tags,
            Map<String, Path> files, List<String> remove, JsonNode format, JsonNode split, LongConsumer progress) {
        String base = parent;
        if (base == null) {
            Integer head = get(name).dataset().headVersion();
            base = head == null ? null : String.valueOf(head);
        }
        Map<String, ManifestEntry> parentFiles = new HashMap<>();
        if (base != null) {
            version(name, base).manifest().forEach(entry -> parentFiles.put(entry.path(), entry));
        }
        List<ManifestEntry> add = new ArrayList<>();
        long[] done = new long[1];
        for (Map.Entry<String, Path> file : files.entrySet()) {
            long before = done[0];
            UploadedBlob blob = uploadUnlessUnchanged(parentFiles.get(file.getKey()), file.getValue(),
                    sent -> progress.accept(before + sent));
            done[0] = before + blob.size();
            ManifestEntry entry = new ManifestEntry(file.getKey(), blob.size(), blob.sha256());
            if (!entry.equals(parentFiles.get(file.getKey()))) {
                add.add(entry);
            }
        }
        return commit(name, new Commit(base, message, tags, add, remove, format, split));
    }

    private UploadedBlob uploadUnlessUnchanged(ManifestEntry inParent, Path file, LongConsumer progress) {
        if (inParent != null) {
            String sha256 = LocalFiles.sha256(file);
            if (sha256.equals(inParent.sha256())) {
                progress.accept(inParent.size());
                return new UploadedBlob(sha256, inParent.size());
            }
        }
        return client.uploadBlob(file, progress);
    }

    /** Snapshots a server-side folder or file (admin; the path must be inside the server's import roots). */
    public DatasetVersion importPath(String name, String serverPath, String message, List<String> tags) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", serverPath);
        body.put("message", message);
        body.put("tags", tags);
        return client.post(BASE + "/" + KeelClient.segment(name) + "/import", body, DatasetVersion.class);
    }

    /** @param dataset fashion-mnist, mnist or imdb; {@code name}, {@code serverPath} may be null */
    public DatasetVersion importWellKnown(String dataset, String name, String serverPath, boolean download) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dataset", dataset);
        body.put("name", name);
        body.put("path", serverPath);
        body.put("download", download);
        return client.post(BASE + "/import-well-known", body, DatasetVersion.class);
    }

    public DatasetDiff diff(String name, String from, String to) {
        return client.get(BASE + "/" + KeelClient.segment(name) + "/diff?from=" + KeelClient.segment(from)
                + "&to=" + KeelClient.segment(to), DatasetDiff.class);
    }

    public DatasetVersion tag(String name, String tag, String ref) {
        return client.put(BASE + "/" + KeelClient.segment(name) + "/tags/" + KeelClient.segment(tag),
                Map.of("version", ref), DatasetVersion.class);
    }

    public void untag(String name, String tag) {
        client.delete(BASE + "/" + KeelClient.segment(name) + "/tags/" + KeelClient.segment(tag));
    }

    public void deleteVersion(String name, String ref) {
        client.delete(versionPath(name, ref));
    }

    public long downloadFile(String name, String ref, String path, Path target, LongConsumer progress) {
        return client.download(filePath(name, ref, path), target, progress);
    }

    public long downloadFile(String name, String ref, String path, OutputStream out, LongConsumer progress) {
        return client.download(filePath(name, ref, path), out, progress);
    }

    public long downloadArchive(String name, String ref, Path target, LongConsumer progress) {
        return client.download(versionPath(name, ref) + "/archive", target, progress);
    }

    public long downloadArchive(String name, String ref, OutputStream out, LongConsumer progress) {
        return client.download(versionPath(name, ref) + "/archive", out, progress);
    }

    /** Streams a split's record batches (one JSON object per batch) to {@code batches}. */
    public void records(String name, String ref, String split, int batchSize, long offset, long limit,
            Consumer<JsonNode> batches) {
        String path = versionPath(name, ref) + "/splits/" + KeelClient.segment(split) + "/records?batchSize="
                + batchSize + "&offset=" + offset + (limit >= 0 ? "&limit=" + limit : "");
        try (LineSplitter lines = new LineSplitter(line -> batches.accept(LocalFiles.readTree(client.json(), line)))) {
            client.download(path, lines, bytes -> {});
        }
    }

    private static String versionPath(String name, String ref) {
        return BASE + "/" + KeelClient.segment(name) + "/versions/" + KeelClient.segment(ref);
    }

    private static String filePath(String name, String ref, String path) {
        StringBuilder encoded = new StringBuilder();
        for (String part : path.split("/", -1)) {
            encoded.append(encoded.isEmpty() ? "" : "/").append(KeelClient.segment(part));
        }
        return versionPath(name, ref) + "/files/" + encoded;
    }

    /** The body of {@code POST /datasets/{name}/versions}. */
    public record Commit(String parent, String message, List<String> tags, List<ManifestEntry> add,
            List<String> remove, JsonNode format, JsonNode split) {
        public Commit {
            tags = tags == null ? List.of() : List.copyOf(tags);
            add = add == null ? List.of() : List.copyOf(add);
            remove = remove == null ? List.of() : List.copyOf(remove);
        }
    }

    record DatasetList(List<Dataset> datasets) {}

    record VersionList(List<DatasetVersion> versions) {}
}
