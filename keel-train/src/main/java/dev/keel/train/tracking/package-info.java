/**
 * Experiment tracking: experiments, runs (status, params, tags, provenance, dataset lineage), metric series
 * written in batches ({@link dev.keel.train.tracking.MetricWriter}, {@link dev.keel.train.tracking.AsyncMetricWriter}),
 * run search with MLflow's filter language compiled to parameterised SQL ({@link dev.keel.train.tracking.search}),
 * and artifacts kept in the blob store. {@link dev.keel.train.tracking.TrackingService} is the entry point;
 * the Keel REST API and the MLflow-compatible API in keel-server are both thin adapters over it.
 */
package dev.keel.train.tracking;
