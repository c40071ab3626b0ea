-- Platform tables owned by keel-store. Portable subset: runs unchanged on SQLite and PostgreSQL.
-- Ids are generated in Java; timestamps are epoch milliseconds.
CREATE TABLE projects (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT,
    created_at  BIGINT NOT NULL
);

INSERT INTO projects (id, name, description, created_at) VALUES ('default', 'default', 'The default project', 0);
