package dev.keel.train.tracking;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A file of a run (checkpoint, model, plot): its path inside the run and the blob holding its bytes. */
public record ArtifactInfo(String path, String sha256, long size, Instant createdAt) {
    public ArtifactInfo {
        requireNonNull(path, "path is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
