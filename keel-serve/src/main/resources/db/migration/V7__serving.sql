-- Model server: deployed endpoints (redeployed on restart) and periodic serving metrics per version.
CREATE TABLE serving_deployments (
    endpoint            TEXT PRIMARY KEY,
    model               TEXT NOT NULL,
    reference           TEXT NOT NULL,
    canary_reference    TEXT,
    canary_weight       DOUBLE PRECISION,
    max_batch_size      INTEGER NOT NULL,
    max_queue_delay_us  BIGINT NOT NULL,
    queue_capacity      INTEGER NOT NULL,
    request_timeout_ms  BIGINT NOT NULL,
    workers             INTEGER NOT NULL,
    warmup_batches      INTEGER NOT NULL,
    created_at          BIGINT NOT NULL
);

-- One row per endpoint, version and interval; the metrics-store issue reads these.
CREATE TABLE serving_metrics (
    endpoint            TEXT NOT NULL,
    model               TEXT NOT NULL,
    version             TEXT NOT NULL,
    interval_start      BIGINT NOT NULL,
    interval_end        BIGINT NOT NULL,
    requests            BIGINT NOT NULL,
    errors              BIGINT NOT NULL,
    rejected            BIGINT NOT NULL,
    expired             BIGINT NOT NULL,
    batches             BIGINT NOT NULL,
    batch_rows          BIGINT NOT NULL,
    queue_nanos_total   BIGINT NOT NULL,
    queue_nanos_max     BIGINT NOT NULL,
    compute_nanos_total BIGINT NOT NULL,
    compute_nanos_max   BIGINT NOT NULL,
    queue_depth         INTEGER NOT NULL,
    PRIMARY KEY (endpoint, version, interval_start)
);
CREATE INDEX serving_metrics_by_time ON serving_metrics (interval_start);
