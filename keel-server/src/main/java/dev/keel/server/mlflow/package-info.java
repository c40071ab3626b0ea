/**
 * MLflow's tracking REST API under {@code /api/2.0/mlflow}, over the same {@code TrackingService} and
 * tokens as Keel's own API, so unmodified MLflow clients log into Keel. Requests and answers use MLflow's
 * JSON shapes (int64 fields accepted as numbers or strings) and its error body
 * {@code {"error_code":"RESOURCE_DOES_NOT_EXIST","message":…}} with the HTTP statuses MLflow uses.
 */
package dev.keel.server.mlflow;
