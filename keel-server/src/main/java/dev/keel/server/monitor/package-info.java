/**
 * The model metrics store wired into the server: serving intervals and sampled predictions turned into
 * series, drift references from a model version's training data, the scheduled compaction, drift scoring
 * and alert evaluation, and the {@code /api/v1/metrics}, {@code /api/v1/drift} and {@code /api/v1/alerts}
 * routes.
 */
package dev.keel.server.monitor;
