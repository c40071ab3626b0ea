/**
 * Labelled time series: raw samples written in batches, rolled up to 1 minute and 1 hour buckets (count, sum,
 * min, max) by an idempotent compaction task, pruned by retention, and queried at the finest resolution that
 * still covers the asked range.
 */
package dev.keel.monitor.series;
