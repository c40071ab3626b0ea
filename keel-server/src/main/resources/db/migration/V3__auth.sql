-- API tokens, owned by keel-server. Only the SHA-256 of a token's secret is stored.
-- Portable subset: runs unchanged on SQLite and PostgreSQL. Timestamps are epoch milliseconds.
CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
);
