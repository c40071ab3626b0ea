-- Experiment tracking tables owned by keel-train. Portable subset: runs unchanged on SQLite and PostgreSQL.
-- Ids are generated in Java; timestamps are epoch milliseconds; JSON is stored as TEXT.

-- lifecycle_stage is 'active' or 'deleted' (MLflow's soft delete; a deleted experiment can be restored).
CREATE TABLE experiments (
    id                TEXT PRIMARY KEY,
    project_id        TEXT NOT NULL REFERENCES projects (id),
    name              TEXT NOT NULL,
    artifact_location TEXT NOT NULL,
    lifecycle_stage   TEXT NOT NULL,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    UNIQUE (project_id, name)
);

CREATE TABLE experiment_tags (
    experiment_id TEXT NOT NULL REFERENCES experiments (id),
    tag_key       TEXT NOT NULL,
    tag_value     TEXT NOT NULL,
    PRIMARY KEY (experiment_id, tag_key)
);

-- MLflow clients log to experiment "0" when they name none.
INSERT INTO experiments (id, project_id, name, artifact_location, lifecycle_stage, created_at, updated_at)
VALUES ('0', 'default', 'Default', 'keel-artifacts:/experiments/0', 'active', 0, 0);

-- status is MLflow's RUNNING/SCHEDULED/FINISHED/FAILED/KILLED. Provenance columns that searches use
-- (dataset version, spec hash, seed) are columns; the rest of the environment is provenance_json.
CREATE TABLE runs (
    id                   TEXT PRIMARY KEY,
    experiment_id        TEXT NOT NULL REFERENCES experiments (id),
    name                 TEXT NOT NULL,
    status               TEXT NOT NULL,
    status_reason        TEXT,
    user_id              TEXT NOT NULL,
    start_time           BIGINT NOT NULL,
    end_time             BIGINT,
    lifecycle_stage      TEXT NOT NULL,
    artifact_uri         TEXT NOT NULL,
    dataset_version_id   TEXT,
    dataset_version_hash TEXT,
    spec_hash            TEXT,
    spec_json            TEXT,
    seed                 BIGINT,
    provenance_json      TEXT,
    created_at           BIGINT NOT NULL
);
CREATE INDEX runs_experiment ON runs (experiment_id, start_time);
CREATE INDEX runs_dataset_version ON runs (dataset_version_id);

CREATE TABLE run_params (
    run_id      TEXT NOT NULL REFERENCES runs (id),
    param_key   TEXT NOT NULL,
    param_value TEXT NOT NULL,
    PRIMARY KEY (run_id, param_key)
);
CREATE INDEX run_params_key ON run_params (param_key, param_value);

CREATE TABLE run_tags (
    run_id    TEXT NOT NULL REFERENCES runs (id),
    tag_key   TEXT NOT NULL,
    tag_value TEXT NOT NULL,
    PRIMARY KEY (run_id, tag_key)
);

-- Every logged point; written by batched inserts, never updated. A NaN value is stored as NULL
-- (SQLite cannot store NaN). No unique key: MLflow allows the same (key, step) to be logged again.
CREATE TABLE metrics (
    run_id       TEXT NOT NULL REFERENCES runs (id),
    metric_key   TEXT NOT NULL,
    step         BIGINT NOT NULL,
    logged_at    BIGINT NOT NULL,
    metric_value DOUBLE PRECISION
);
CREATE INDEX metrics_history ON metrics (run_id, metric_key, step);

-- The latest point per (run, key) (highest step, then latest timestamp): what searches filter and sort on.
CREATE TABLE latest_metrics (
    run_id       TEXT NOT NULL REFERENCES runs (id),
    metric_key   TEXT NOT NULL,
    step         BIGINT NOT NULL,
    logged_at    BIGINT NOT NULL,
    metric_value DOUBLE PRECISION,
    PRIMARY KEY (run_id, metric_key)
);
CREATE INDEX latest_metrics_key ON latest_metrics (metric_key, metric_value);

-- A run's artifacts: a path inside the run mapped to a content-addressed blob.
CREATE TABLE run_artifacts (
    run_id     TEXT NOT NULL REFERENCES runs (id),
    path       TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    size       BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (run_id, path)
);
CREATE INDEX run_artifacts_sha256 ON run_artifacts (sha256);
