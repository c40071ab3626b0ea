-- Dataset manager tables owned by keel-data. Portable subset: runs unchanged on SQLite and PostgreSQL.
-- Ids are generated in Java; timestamps are epoch milliseconds; JSON is stored as TEXT.

-- head_version_id is the optimistic-concurrency pointer: a commit moves it with
-- UPDATE ... WHERE head_version_id = <the parent it was built on>, so of two commits on one parent exactly
-- one moves it. last_number only grows, so version numbers are never reused after a delete.
CREATE TABLE datasets (
    id              TEXT PRIMARY KEY,
    project_id      TEXT NOT NULL REFERENCES projects (id),
    name            TEXT NOT NULL,
    description     TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    head_version_id TEXT,
    last_number     INTEGER NOT NULL,
    UNIQUE (project_id, name)
);

-- Rows are written once by the commit transaction and never updated.
CREATE TABLE dataset_versions (
    id              TEXT PRIMARY KEY,
    dataset_id      TEXT NOT NULL REFERENCES datasets (id),
    version_number  INTEGER NOT NULL,
    parent_id       TEXT REFERENCES dataset_versions (id),
    content_hash    TEXT NOT NULL,
    message         TEXT NOT NULL,
    author          TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    file_count      INTEGER NOT NULL,
    total_bytes     BIGINT NOT NULL,
    row_counts_json TEXT NOT NULL,
    format_json     TEXT,
    schema_json     TEXT,
    statistics_json TEXT,
    splits_json     TEXT,
    UNIQUE (dataset_id, version_number)
);
CREATE INDEX dataset_versions_parent ON dataset_versions (parent_id);
CREATE INDEX dataset_versions_hash ON dataset_versions (dataset_id, content_hash);

-- The manifest: whole-file SHA-256 and size, whatever the storage layout (see file_chunks).
CREATE TABLE version_files (
    version_id TEXT NOT NULL REFERENCES dataset_versions (id),
    path       TEXT NOT NULL,
    size       BIGINT NOT NULL,
    sha256     TEXT NOT NULL,
    PRIMARY KEY (version_id, path)
);
CREATE INDEX version_files_sha256 ON version_files (sha256);

-- Tags move; versions never change. Every move or delete is appended to dataset_tag_history.
CREATE TABLE dataset_tags (
    dataset_id TEXT NOT NULL REFERENCES datasets (id),
    tag        TEXT NOT NULL,
    version_id TEXT NOT NULL REFERENCES dataset_versions (id),
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (dataset_id, tag)
);
CREATE INDEX dataset_tags_version ON dataset_tags (version_id);

CREATE TABLE dataset_tag_history (
    id         TEXT PRIMARY KEY,
    dataset_id TEXT NOT NULL REFERENCES datasets (id),
    tag        TEXT NOT NULL,
    version_id TEXT,
    changed_at BIGINT NOT NULL,
    changed_by TEXT NOT NULL
);
CREATE INDEX dataset_tag_history_tag ON dataset_tag_history (dataset_id, tag);

-- Content-defined chunk index of text files: a file (by whole-file SHA-256) is the concatenation of its
-- chunk blobs in ordinal order. Keyed by content, so it is shared by every version and path holding it
-- and never changes once written.
CREATE TABLE chunked_files (
    sha256      TEXT PRIMARY KEY,
    size        BIGINT NOT NULL,
    chunk_count INTEGER NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE file_chunks (
    file_sha256  TEXT NOT NULL REFERENCES chunked_files (sha256),
    ordinal      INTEGER NOT NULL,
    chunk_sha256 TEXT NOT NULL,
    size         BIGINT NOT NULL,
    PRIMARY KEY (file_sha256, ordinal)
);
CREATE INDEX file_chunks_chunk ON file_chunks (chunk_sha256);
