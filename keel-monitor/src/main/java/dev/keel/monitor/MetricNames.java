package dev.keel.monitor;

/** The series names Keel itself records, so writers, drift scoring, docs and tests agree on one spelling. */
public final class MetricNames {
    /** Requests answered in an interval (successes and errors); query with {@code rate}. */
    public static final String REQUESTS = "keel_serving_requests";
    public static final String ERRORS = "keel_serving_errors";
    public static final String REJECTED = "keel_serving_rejected";
    public static final String EXPIRED = "keel_serving_expired";
    /** Rows per executed batch, one value per interval (the interval's mean); max gives the largest. */
    public static final String BATCH_SIZE = "keel_serving_batch_size";
    public static final String QUEUE_DEPTH = "keel_serving_queue_depth";
    /** Per-request latency (queue wait + compute) quantile over an interval, label {@code quantile}. */
    public static final String LATENCY = "keel_serving_latency_seconds";
    /** One sampled row's summary value, label {@code feature} (e.g. {@code input.mean}, {@code input[3]}). */
    public static final String PREDICTION_INPUT = "keel_prediction_input";
    /** 1 per sampled row, label {@code class}: sum by class is the predicted-class distribution. */
    public static final String PREDICTION_CLASS = "keel_prediction_class";
    public static final String DRIFT_PSI = "keel_drift_psi";
    public static final String DRIFT_KS = "keel_drift_ks";

    /** The feature name of the predicted class, for drift references and scores. */
    public static final String CLASS_FEATURE = "prediction.class";

    private MetricNames() {}
}
