package dev.keel.server.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** A stored token, without its secret (only the secret's hash is kept, and it never leaves the repository). */
public record ApiToken(
        String id, String name, Role role, Instant createdAt, Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {
    public ApiToken {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(role, "role is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(lastUsedAt, "lastUsedAt is null");
        requireNonNull(revokedAt, "revokedAt is null");
    }

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }

    public Principal principal() {
        return new Principal(id, name, role);
    }
}
