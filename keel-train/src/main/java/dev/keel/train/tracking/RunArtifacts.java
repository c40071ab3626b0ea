package dev.keel.train.tracking;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.KeelException;
import dev.keel.core.error.Problems;
import dev.keel.store.blob.BlobRef;
import dev.keel.store.blob.BlobStore;
import dev.keel.store.metadata.MetadataStore;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A run's artifacts: bytes go to the content-addressed blob store first, then one row maps the path to the
 * blob, so a crash mid-upload leaves no artifact row pointing at missing bytes. Re-uploading a path replaces
 * the mapping (a newer checkpoint under the same name); blobs are shared, never copied.
 */
final class RunArtifacts {
    private final MetadataStore store;
    private final BlobStore blobs;

    RunArtifacts(MetadataStore store, BlobStore blobs) {
        this.store = requireNonNull(store, "store is null");
        this.blobs = requireNonNull(blobs, "blobs is null");
    }

    ArtifactInfo put(String runId, String path, InputStream content, long size, Instant now) {
        validatePath(path);
        return link(runId, path, blobs.put(content, Optional.empty(), size), now);
    }

    /** Names a blob already in the store (uploaded through the blob API) as an artifact of the run. */
    ArtifactInfo link(String runId, String path, String sha256, Instant now) {
        validatePath(path);
        if (sha256 == null || !dev.keel.core.hash.Sha256.isValid(sha256)) {
            throw KeelException.invalid("sha256: " + sha256 + " (expected: 64 lower-case hex characters)");
        }
        return link(runId, path, new BlobRef(sha256, blobs.size(sha256)), now);
    }

    private ArtifactInfo link(String runId, String path, BlobRef blob, Instant now) {
        ArtifactInfo artifact = new ArtifactInfo(path, blob.sha256(), blob.size(), now);
        store.inTransaction(handle -> handle.createUpdate("""
                        INSERT INTO run_artifacts (run_id, path, sha256, size, created_at)
                        VALUES (:run, :path, :sha256, :size, :created)
                        ON CONFLICT (run_id, path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size,
                            created_at = excluded.created_at""")
                .bind("run", runId)
                .bind("path", path)
                .bind("sha256", artifact.sha256())
                .bind("size", artifact.size())
                .bind("created", now.toEpochMilli())
                .execute());
        return artifact;
    }

    List<ArtifactInfo> list(String runId) {
        return store.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT * FROM run_artifacts WHERE run_id = :run ORDER BY path")
                .bind("run", runId)
                .map((rs, ctx) -> new ArtifactInfo(rs.getString("path"), rs.getString("sha256"), rs.getLong("size"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
    }

    ArtifactInfo get(String runId, String path) {
        return list(runId).stream().filter(a -> a.path().equals(path)).findFirst()
                .orElseThrow(() -> KeelException.notFound("artifact " + path + " of run " + runId));
    }

    InputStream open(ArtifactInfo artifact) {
        return blobs.open(artifact.sha256());
    }

    static void validatePath(String path) {
        boolean valid = path != null && !path.isEmpty() && path.length() <= 1024 && !path.startsWith("/")
                && !path.endsWith("/") && !path.contains("\\") && !path.contains("//")
                && List.of(path.split("/")).stream().noneMatch(part -> part.equals("..") || part.equals("."));
        new Problems().require(valid, "artifact path", path,
                "a relative path of at most 1024 characters, '/'-separated, without '.', '..' or empty parts")
                .throwIfAny("artifact");
    }
}
