/**
 * Keel's REST API for experiment tracking: {@code /api/v1/experiments} and {@code /api/v1/runs} (create,
 * get, search with MLflow's filter syntax, update, batched logging, metric history, compare, artifacts),
 * a thin adapter over {@code dev.keel.train.tracking.TrackingService}.
 */
package dev.keel.server.tracking;
