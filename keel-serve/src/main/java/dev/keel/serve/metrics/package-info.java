/**
 * Serving metrics kept in Keel's own store ({@code serving_metrics}, one row per endpoint, version and
 * interval) for the metrics-store issue to read; Prometheus metrics are keel-server's business.
 */
package dev.keel.serve.metrics;
