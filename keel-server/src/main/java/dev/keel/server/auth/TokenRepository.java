package dev.keel.server.auth;

import static java.util.Objects.requireNonNull;

import dev.keel.store.metadata.MetadataStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** The {@code api_tokens} table. Secrets never reach it: callers pass and look up hashes. */
public final class TokenRepository {
    private static final RowMapper<ApiToken> MAPPER = (rs, ctx) -> new ApiToken(
            rs.getString("id"),
            rs.getString("name"),
            Role.valueOf(rs.getString("role")),
            Instant.ofEpochMilli(rs.getLong("created_at")),
            optionalInstant(rs.getObject("last_used_at")),
            optionalInstant(rs.getObject("revoked_at")));

    private final MetadataStore store;

    public TokenRepository(MetadataStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** ALREADY_EXISTS when the name is taken. */
    public void insert(ApiToken token, String secretHash) {
        store.inTransaction(handle -> handle.createUpdate("""
                        INSERT INTO api_tokens (id, name, role, token_hash, created_at)
                        VALUES (:id, :name, :role, :hash, :createdAt)""")
                .bind("id", token.id())
                .bind("name", token.name())
                .bind("role", token.role().name())
                .bind("hash", secretHash)
                .bind("createdAt", token.createdAt().toEpochMilli())
                .execute());
    }

    public Optional<ApiToken> findByHash(String secretHash) {
        return store.jdbi().withHandle(handle -> handle.createQuery("SELECT * FROM api_tokens WHERE token_hash = :hash")
                .bind("hash", secretHash)
                .map(MAPPER)
                .findOne());
    }

    public Optional<ApiToken> findByIdOrName(String idOrName) {
        return store.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT * FROM api_tokens WHERE id = :key OR name = :key ORDER BY id")
                .bind("key", idOrName)
                .map(MAPPER)
                .findFirst());
    }

    public List<ApiToken> list() {
        return store.jdbi().withHandle(handle -> handle.createQuery("SELECT * FROM api_tokens ORDER BY created_at, name")
                .map(MAPPER)
                .list());
    }

    public long count() {
        return store.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM api_tokens")
                .mapTo(Long.class)
                .one());
    }

    public long countActiveAdmins() {
        return store.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM api_tokens WHERE role = 'ADMIN' AND revoked_at IS NULL")
                .mapTo(Long.class)
                .one());
    }

    /** Revokes unless this would leave no active admin; returns false in that case. */
    public boolean revoke(String id, Instant at) {
        return store.inTransaction(handle -> {
            int updated = handle.createUpdate("""
                            UPDATE api_tokens SET revoked_at = :at
                            WHERE id = :id AND revoked_at IS NULL
                              AND (role <> 'ADMIN'
                                   OR (SELECT COUNT(*) FROM api_tokens WHERE role = 'ADMIN' AND revoked_at IS NULL) > 1)""")
                    .bind("id", id)
                    .bind("at", at.toEpochMilli())
                    .execute();
            return updated == 1;
        });
    }

    public void touch(String id, Instant at) {
        store.inTransaction(handle -> handle.createUpdate("UPDATE api_tokens SET last_used_at = :at WHERE id = :id")
                .bind("id", id)
                .bind("at", at.toEpochMilli())
                .execute());
    }

    private static Optional<Instant> optionalInstant(Object millis) {
        return millis == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(((Number) millis).longValue()));
    }
}
