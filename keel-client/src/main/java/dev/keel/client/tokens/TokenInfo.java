package dev.keel.client.tokens;

import java.time.Instant;

/** A token as listed: never its secret. {@code revokedAt} and {@code lastUsedAt} may be null. */
public record TokenInfo(String id, String name, String role, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {}
