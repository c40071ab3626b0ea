-- Workflow manager tables, owned by keel-workflow. Portable subset: runs unchanged on SQLite and PostgreSQL.
-- Ids are generated in Java; times are epoch ms; JSON is stored as TEXT.

-- A pipeline as last applied; version counts applies. spec_text is the YAML/JSON as the user wrote it.
CREATE TABLE pipelines (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL,
    name        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    spec_text   TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    UNIQUE (project_id, name)
);

-- One run of a pipeline. spec_text is the pipeline as it was when the run started, so applying a new version
-- never changes a run in flight. dedupe_key (e.g. "dataset:fashion-mnist@3") is unique per pipeline, so two
-- servers seeing the same trigger cannot both start a run for it; manual runs leave it NULL.
-- state: running / succeeded / failed / cancelled.
CREATE TABLE pipeline_runs (
    id               TEXT PRIMARY KEY,
    pipeline_id      TEXT NOT NULL REFERENCES pipelines (id),
    pipeline_name    TEXT NOT NULL,
    pipeline_version INTEGER NOT NULL,
    spec_text        TEXT NOT NULL,
    state            TEXT NOT NULL,
    reason           TEXT NOT NULL,
    params_json      TEXT NOT NULL,
    trigger_json     TEXT NOT NULL,
    dedupe_key       TEXT,
    created_by       TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    ended_at         BIGINT,
    updated_at       BIGINT NOT NULL,
    UNIQUE (pipeline_id, dedupe_key)
);
CREATE INDEX pipeline_runs_by_state ON pipeline_runs (state, created_at);
CREATE INDEX pipeline_runs_by_pipeline ON pipeline_runs (pipeline_name, created_at);

-- One row per step of a run. A server runs a step only after claiming it with a conditional UPDATE
-- (state PENDING -> RUNNING, or an expired lease of a RUNNING step) that sets owner and lease_until; the owner
-- renews the lease while it runs the step and finishes it only with "WHERE owner = me AND attempt = mine", so
-- two servers never both run or both finish one attempt. not_before holds a retry back for its backoff.
-- external_ref is what the step started outside the engine (a training job id), for re-attaching after a crash.
-- state: pending / running / succeeded / failed / skipped / cancelled.
CREATE TABLE step_runs (
    run_id        TEXT NOT NULL REFERENCES pipeline_runs (id),
    step_name     TEXT NOT NULL,
    step_type     TEXT NOT NULL,
    position      INTEGER NOT NULL,
    state         TEXT NOT NULL,
    reason        TEXT NOT NULL,
    attempt       INTEGER NOT NULL,
    max_attempts  INTEGER NOT NULL,
    params_json   TEXT,
    outputs_json  TEXT,
    log_text      TEXT NOT NULL,
    owner         TEXT,
    lease_until   BIGINT,
    not_before    BIGINT,
    external_ref  TEXT,
    started_at    BIGINT,
    ended_at      BIGINT,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (run_id, step_name)
);
CREATE INDEX step_runs_by_state ON step_runs (state);

-- Where each trigger of a pipeline has got to: the last dataset version seen, the last cron fire time.
-- Advanced with compare-and-set in the transaction that starts the run.
CREATE TABLE pipeline_triggers (
    pipeline_id  TEXT NOT NULL REFERENCES pipelines (id),
    trigger_key  TEXT NOT NULL,
    last_value   TEXT,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (pipeline_id, trigger_key)
);
