-- Model metrics store: raw samples, rollups (1 min, 1 h), compaction watermarks, drift references, alerts.
-- Labels are a canonical JSON object (keys sorted) so one series always has one spelling.
CREATE TABLE monitor_samples (
    name        TEXT NOT NULL,
    labels      TEXT NOT NULL,
    ts          BIGINT NOT NULL,
    value       DOUBLE PRECISION NOT NULL
);
CREATE INDEX monitor_samples_by_name_time ON monitor_samples (name, ts);
CREATE INDEX monitor_samples_by_time ON monitor_samples (ts);

-- count/sum/min/max per bucket keep averages and rates exact after downsampling.
CREATE TABLE monitor_rollups (
    name          TEXT NOT NULL,
    labels        TEXT NOT NULL,
    resolution_ms BIGINT NOT NULL,
    bucket_start  BIGINT NOT NULL,
    sample_count  BIGINT NOT NULL,
    value_sum     DOUBLE PRECISION NOT NULL,
    value_min     DOUBLE PRECISION NOT NULL,
    value_max     DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (name, resolution_ms, bucket_start, labels)
);
CREATE INDEX monitor_rollups_by_time ON monitor_rollups (resolution_ms, bucket_start);

-- Everything before done_until has been rolled up into resolution_ms; advanced by compare-and-set.
CREATE TABLE monitor_compaction (
    resolution_ms BIGINT PRIMARY KEY,
    done_until    BIGINT NOT NULL
);
INSERT INTO monitor_compaction (resolution_ms, done_until) VALUES (60000, 0);
INSERT INTO monitor_compaction (resolution_ms, done_until) VALUES (3600000, 0);

-- Reference distributions of a model version's training data, computed once per version and feature.
CREATE TABLE monitor_references (
    model       TEXT NOT NULL,
    version     TEXT NOT NULL,
    feature     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    payload     TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (model, version, feature)
);

CREATE TABLE monitor_alert_rules (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    spec          TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);

-- The evaluator's state per rule, so a restarted (or second) server neither re-fires nor forgets.
CREATE TABLE monitor_alert_states (
    rule_id       TEXT PRIMARY KEY,
    state         TEXT NOT NULL,
    since         BIGINT NOT NULL,
    last_value    DOUBLE PRECISION,
    updated_at    BIGINT NOT NULL
);

CREATE TABLE monitor_alert_events (
    id            TEXT PRIMARY KEY,
    rule_id       TEXT NOT NULL,
    rule_name     TEXT NOT NULL,
    state         TEXT NOT NULL,
    severity      TEXT NOT NULL,
    value         DOUBLE PRECISION,
    threshold     DOUBLE PRECISION NOT NULL,
    labels        TEXT NOT NULL,
    message       TEXT NOT NULL,
    at            BIGINT NOT NULL
);
CREATE INDEX monitor_alert_events_by_time ON monitor_alert_events (at);
