package dev.keel.client.tracking;

import java.time.Instant;

/** A run's artifact: its path in the run and the blob (SHA-256, size) holding it. */
public record ArtifactEntry(String path, String sha256, long size, Instant createdAt) {}
