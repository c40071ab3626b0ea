-- Model registry tables owned by keel-serve. Portable subset: runs unchanged on SQLite and PostgreSQL.
-- Ids are generated in Java; timestamps are epoch milliseconds; JSON is stored as TEXT.
CREATE TABLE registered_models (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES projects (id),
    name        TEXT NOT NULL,
    description TEXT,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    UNIQUE (project_id, name)
);

CREATE TABLE registered_model_tags (
    model_id  TEXT NOT NULL REFERENCES registered_models (id),
    tag_key   TEXT NOT NULL,
    tag_value TEXT NOT NULL,
    PRIMARY KEY (model_id, tag_key)
);

-- One row per version; (model_id, version) is the primary key, so two registrations racing for the same
-- number cannot both win. format is onnx|torchscript|keel; status is MLflow's READY (the only state a row
-- reaches: files are validated before the row is written).
CREATE TABLE model_versions (
    model_id        TEXT NOT NULL REFERENCES registered_models (id),
    version         INTEGER NOT NULL,
    format          TEXT NOT NULL,
    source          TEXT NOT NULL,
    source_run_id   TEXT,
    blob_sha256     TEXT NOT NULL,
    blob_size       BIGINT NOT NULL,
    signature_json  TEXT NOT NULL,
    metrics_json    TEXT NOT NULL,
    dataset_version TEXT,
    description     TEXT,
    status          TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (model_id, version)
);
CREATE INDEX model_versions_run ON model_versions (source_run_id);

CREATE TABLE model_version_tags (
    model_id  TEXT NOT NULL,
    version   INTEGER NOT NULL,
    tag_key   TEXT NOT NULL,
    tag_value TEXT NOT NULL,
    PRIMARY KEY (model_id, version, tag_key),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version)
);

CREATE TABLE model_aliases (
    model_id   TEXT NOT NULL REFERENCES registered_models (id),
    alias      TEXT NOT NULL,
    version    INTEGER NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (model_id, alias)
);

-- Append-only audit log of alias moves: rows are inserted, never updated or deleted (deleting a model keeps
-- them, hence no foreign key). sequence orders the moves of one alias; the unique key makes two concurrent
-- moves of the same alias conflict instead of both claiming to follow the same state. A NULL from_version is
-- a first assignment, a NULL to_version a removal.
CREATE TABLE model_alias_events (
    model_id     TEXT NOT NULL,
    alias        TEXT NOT NULL,
    sequence     BIGINT NOT NULL,
    from_version INTEGER,
    to_version   INTEGER,
    actor        TEXT NOT NULL,
    reason       TEXT,
    at           BIGINT NOT NULL,
    PRIMARY KEY (model_id, alias, sequence)
);
CREATE INDEX model_alias_events_time ON model_alias_events (model_id, alias, at);
