-- Training jobs and hyperparameter studies, owned by keel-train's job and study packages.
-- Portable subset: runs unchanged on SQLite and PostgreSQL. Ids are generated in Java; times are epoch ms.

-- state: queued / running / succeeded / failed / cancelled; reason says why the job is in it.
-- worker_handle is the executor's handle of the live worker ("local:PID:STARTMILLIS"), kept so a restarted
-- server can re-attach to a worker that still runs; token_id is the job-scoped token to revoke at the end.
CREATE TABLE jobs (
    id                TEXT PRIMARY KEY,
    project_id        TEXT NOT NULL,
    state             TEXT NOT NULL,
    reason            TEXT NOT NULL,
    spec_text         TEXT NOT NULL,
    spec_hash         TEXT NOT NULL,
    dataset_name      TEXT NOT NULL,
    dataset_version   TEXT NOT NULL,
    experiment        TEXT NOT NULL,
    run_id            TEXT NOT NULL,
    study_id          TEXT,
    submitted_by      TEXT NOT NULL,
    executor          TEXT NOT NULL,
    worker_handle     TEXT,
    token_id          TEXT,
    attempt           INTEGER NOT NULL,
    resume            INTEGER NOT NULL,
    step              BIGINT NOT NULL,
    total_steps       BIGINT NOT NULL,
    epoch             INTEGER NOT NULL,
    loss              DOUBLE PRECISION,
    samples_per_second DOUBLE PRECISION,
    exit_code         INTEGER,
    created_at        BIGINT NOT NULL,
    started_at        BIGINT,
    ended_at          BIGINT,
    updated_at        BIGINT NOT NULL
);

CREATE INDEX jobs_by_state ON jobs (state, created_at);
CREATE INDEX jobs_by_study ON jobs (study_id);

-- A study: a base spec, a search space, an algorithm and a budget. definition_json holds the whole parsed
-- study definition (canonical JSON), so the study can be continued after a restart.
CREATE TABLE studies (
    id                TEXT PRIMARY KEY,
    project_id        TEXT NOT NULL,
    name              TEXT NOT NULL,
    state             TEXT NOT NULL,
    reason            TEXT NOT NULL,
    definition_json   TEXT NOT NULL,
    objective_metric  TEXT NOT NULL,
    direction         TEXT NOT NULL,
    algorithm         TEXT NOT NULL,
    max_trials        INTEGER NOT NULL,
    parallelism       INTEGER NOT NULL,
    created_by        TEXT NOT NULL,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    ended_at          BIGINT
);

-- One trial per job; objective is the trial's final objective metric once it finished.
CREATE TABLE study_trials (
    study_id          TEXT NOT NULL REFERENCES studies (id),
    trial_index       INTEGER NOT NULL,
    job_id            TEXT NOT NULL,
    params_json       TEXT NOT NULL,
    state             TEXT NOT NULL,
    objective         DOUBLE PRECISION,
    created_at        BIGINT NOT NULL,
    PRIMARY KEY (study_id, trial_index)
);
