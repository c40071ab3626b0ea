package dev.keel.data.version;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.dataset.Dataset;
import dev.keel.core.dataset.DatasetDetail;
import dev.keel.core.dataset.DatasetDiff;
import dev.keel.core.dataset.DatasetVersion;
import dev.keel.core.dataset.DatasetVersionDetail;
import dev.keel.core.dataset.ManifestEntry;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.error.Problems;
import dev.keel.data.DatasetFiles;
import dev.keel.data.archive.TarWriter;
import dev.keel.data.format.FormatOptions;
import dev.keel.data.split.SplitPlan;
import dev.keel.data.split.SplitReader;
import dev.keel.data.stats.DatasetProfile;
import dev.keel.data.ingest.ChunkedFileStore;
import dev.keel.store.metadata.MetadataStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The dataset manager's in-process API, used by the REST routes, the trainer and the CLI (through the
 * server): datasets, immutable versions committed as changes to a parent, tags, diffs and file reads.
 * {@code project} is a project name; {@code null} means {@code default}.
 */
public final class DatasetService {
    public static final String DEFAULT_PROJECT = "default";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final MetadataStore metadata;
    private final ChunkedFileStore files;
    private final Clock clock;
    private final Supplier<String> ids;
    private final DatasetRepository datasets = new DatasetRepository();
    private final VersionRepository versions;
    private final VersionResolver resolver;
    private final VersionCommitter committer;
    private final PathImporter importer;
    private final FormatsVersionProfiler storedJson;
    private final List<VersionReferences> references;

    public DatasetService(MetadataStore metadata, ChunkedFileStore files, VersionProfiler profiler, Clock clock,
            Supplier<String> ids) {
        this(metadata, files, profiler, clock, ids, List.of());
    }

    /** @param references what else may refer to a version (runs, models): such a version is never deleted */
    public DatasetService(MetadataStore metadata, ChunkedFileStore files, VersionProfiler profiler, Clock clock,
            Supplier<String> ids, List<VersionReferences> references) {
        this.references = List.copyOf(references);
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.files = requireNonNull(files, "files is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = requireNonNull(ids, "ids is null");
        ObjectMapper json = new ObjectMapper();
        this.versions = new VersionRepository(json);
        this.storedJson = new FormatsVersionProfiler(json);
        this.resolver = new VersionResolver(versions);
        this.committer = new VersionCommitter(metadata, files, profiler, datasets, versions, clock, ids);
        this.importer = new PathImporter(files);
    }

    public Dataset createDataset(String project, String name, String description) {
        Problems problems = new Problems();
        problems.require(name != null && NAME.matcher(name).matches(), "name", name,
                "1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        problems.throwIfAny("dataset");
        String projectName = projectOrDefault(project);
        String id = ids.get();
        Instant now = clock.instant();
        try {
            return metadata.inTransaction(handle -> {
                datasets.insert(handle, id, datasets.projectId(handle, projectName), name,
                        description == null ? "" : description, now);
                return datasets.get(handle, projectName, name).dataset();
            });
        } catch (KeelException e) {
            if (e.code() == ErrorCode.ALREADY_EXISTS) {
                throw new KeelException(ErrorCode.ALREADY_EXISTS, "dataset " + name + " already exists in project "
                        + projectName, List.of("name: " + name + " (expected: a name not used in the project)"), e);
            }
            throw e;
        }
    }

    /** Datasets of one project, or of every project when {@code project} is empty. */
    public List<Dataset> listDatasets(Optional<String> project) {
        return metadata.jdbi().withHandle(handle -> datasets.list(handle, project).stream()
                .map(DatasetRow::dataset).toList());
    }

    public DatasetDetail getDataset(String project, String name) {
        return metadata.jdbi().inTransaction(handle -> {
            DatasetRow row = datasets.get(handle, projectOrDefault(project), name);
            DatasetVersion head = row.headVersionId() == null ? null
                    : versions.summary(handle, row.headVersionId(), name);
            return new DatasetDetail(row.dataset(), head, versions.tags(handle, row.id()));
        });
    }

    /** Commits a version; see {@link CommitRequest}. */
    public DatasetVersion commit(String project, String name, CommitRequest request) {
        requireNonNull(request, "request is null");
        return committer.commit(projectOrDefault(project), name, request);
    }

    /**
     * Snapshots a server-side folder or file as a new version: each file is streamed into the store (text
     * chunked, binary whole), then committed on the parent (the head when none is named) so that the version
     * holds exactly the imported files. Callers decide which paths a user may import.
     */
    public DatasetVersion importPath(String project, String name, ImportRequest request) {
        requireNonNull(request, "request is null");
        String projectName = projectOrDefault(project);
        String parent = request.parent();
        if (parent == null) {
            Integer head = getDataset(projectName, name).dataset().headVersion();
            parent = head == null ? null : String.valueOf(head);
        }
        List<ManifestEntry> imported = importer.storeAll(request.path());
        List<String> remove = List.of();
        if (parent != null) {
            var paths = imported.stream().map(ManifestEntry::path).collect(java.util.stream.Collectors.toSet());
            remove = manifest(projectName, name, parent).stream().map(ManifestEntry::path)
                    .filter(path -> !paths.contains(path)).toList();
        }
        return commit(projectName, name, new CommitRequest(parent, request.message(), request.author(),
                request.tags(), imported, remove, request.format(), request.split()));
    }

    /** A page of versions, newest first; one query however many versions there are. */
    public List<DatasetVersion> listVersions(String project, String name, int limit, int offset) {
        Problems problems = new Problems();
        problems.require(limit >= 1 && limit <= 10_000, "limit", limit, "1..10000");
        problems.require(offset >= 0, "offset", offset, ">= 0");
        problems.throwIfAny("version listing");
        return metadata.jdbi().withHandle(handle -> {
            DatasetRow row = datasets.get(handle, projectOrDefault(project), name);
            return versions.list(handle, row.id(), name, limit, offset);
        });
    }

    public DatasetVersionDetail getVersion(String project, String name, String ref) {
        return metadata.jdbi().inTransaction(handle -> {
            DatasetRow row = datasets.get(handle, projectOrDefault(project), name);
            VersionRow version = resolver.resolve(handle, row, "ref", ref);
            Map<String, JsonNode> json = versions.profileJson(handle, version.id());
            return new DatasetVersionDetail(versions.summary(handle, version.id(), name),
                    versions.manifest(handle, version.id()), json.get("format_json"), json.get("schema_json"),
                    json.get("statistics_json"), json.get("splits_json"));
        });
    }

    public List<ManifestEntry> manifest(String project, String name, String ref) {
        return metadata.jdbi().inTransaction(handle -> {
            DatasetRow row = datasets.get(handle, projectOrDefault(project), name);
            return versions.manifest(handle, resolver.resolve(handle, row, "ref", ref).id());
        });
    }

    public DatasetDiff diff(String project, String name, String fromRef, String toRef) {
        DatasetVersionDetail from = getVersion(project, name, fromRef);
        DatasetVersionDetail to = getVersion(project, name, toRef);
        return VersionDiffer.diff(from, to);
    }

    /** Creates or moves a tag; answers the version it now points at. */
    public DatasetVersion setTag(String project, String name, String tag, String ref, String author) {
        checkTag(tag);
        requireNonNull(author, "author is null");
        return metadata.inTransaction(handle -> {
            DatasetRow row = datasets.get(handle, projectOrDefault(project), name);
            VersionRow version = resolver.resolve(handle, row, "version", ref);
            versions.setTag(handle, row.id(), tag, version.id(), author, clock.instant(), ids.get());
            return versions.summary(handle, version.id(), name);
        });
    }

    public void deleteTag(String project, String name, String tag, String author) {
        checkTag(tag);
        metadata.inTransaction(handle -> {
            DatasetRow row = datasets.get(handle, projectOrDefault(project), name);
            if (!versions.deleteTag(handle, row.id(), tag, author, clock.instant(), ids.get())) {
                throw KeelException.notFound("tag " + tag + " of dataset " + name);
            }
            return null;
        });
    }

    /**
     * Deletes a version nothing refers to; {@code IN_USE} naming the tags, child versions and other
     * references (training runs) otherwise. When
     * it was the head, the head goes back to its parent. Blobs stay (other versions may share them).
     */
    public void deleteVersion(String project, String name, String ref) {
        metadata.inTransaction(handle -> {
            DatasetRow row = datasets.get(handle, projectOrDefault(project), name);
            // Lock first so that no commit can make this version a parent between the checks and the delete.
            String head = datasets.lock(handle, row.id());
            VersionRow version = resolver.resolve(handle, row, "ref", ref);
            Problems uses = new Problems();
            versions.tagsOf(handle, version.id()).forEach(tag -> uses.add("tag " + tag));
            versions.childrenOf(handle, version.id()).forEach(child -> uses.add("parent of v" + child));
            references.forEach(reference -> reference.describe(handle, version.id()).forEach(uses::add));
            if (!uses.isEmpty()) {
                throw new KeelException(ErrorCode.IN_USE, "version v" + version.number() + " of dataset " + name
                        + " is in use: " + String.join(", ", uses.list()), uses.list());
            }
            if (version.id().equals(head)) {
                datasets.setHead(handle, row.id(), version.parentId());
            }
            versions.delete(handle, version.id());
            return null;
        });
    }

    /** The files of a version, for format readers and training. */
    public DatasetFiles files(String project, String name, String ref) {
        return new StoredVersionFiles(manifest(project, name, ref), files);
    }

    /** Opens one file of a version (hash-verified while read); {@code NOT_FOUND} for an unknown path. */
    public InputStream openFile(String project, String name, String ref, String path) {
        return files(project, name, ref).open(path);
    }

    /** Writes the whole version as a tar archive (POSIX ustar, PAX headers for long paths), streaming. */
    public void writeArchive(String project, String name, String ref, OutputStream out) {
        DatasetFiles version = files(project, name, ref);
        try {
            TarWriter tar = new TarWriter(out);
            for (ManifestEntry entry : version.files()) {
                try (InputStream in = version.open(entry.path())) {
                    tar.writeFile(entry.path(), entry.size(), in);
                }
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("writing archive of " + name + "@" + ref, e);
        }
    }

    /**
     * Opens one split of a version for reading record batches, from what was stored at commit time (format,
     * profile, split plan). {@code NOT_FOUND} when the version has no splits or not this one.
     */
    public SplitReader openSplit(String project, String name, String ref, String split, int batchSize) {
        DatasetVersionDetail detail = getVersion(project, name, ref);
        if (detail.splits() == null || detail.statistics() == null) {
            throw KeelException.notFound("split " + split + " of " + name + "@v" + detail.version().number()
                    + " (the version has no splits: commit it with a split spec or train/test tables)");
        }
        FormatOptions options = detail.format() == null || detail.format().isNull() ? FormatOptions.defaults()
                : storedJson.read("format", detail.format(), FormatOptions.class);
        return SplitReader.open(new StoredVersionFiles(detail.manifest(), files), options,
                storedJson.read("statistics", detail.statistics(), DatasetProfile.class),
                storedJson.read("splits", detail.splits(), SplitPlan.class), split, batchSize);
    }

    private static void checkTag(String tag) {
        if (!VersionRef.isValidTag(tag)) {
            throw KeelException.invalid("tag: " + tag + " (expected: a letter, then letters, digits, '.', '_'"
                    + " or '-' (at most 63), not a version number)");
        }
    }

    private static String projectOrDefault(String project) {
        return project == null || project.isBlank() ? DEFAULT_PROJECT : project;
    }
}
