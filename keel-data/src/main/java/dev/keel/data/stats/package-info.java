/**
 * Schema and statistics of a dataset version, computed in one streaming pass when the version is committed
 * ({@link dev.keel.data.stats.DatasetProfiler#profile}) and stored with it as JSON
 * ({@link dev.keel.data.stats.DatasetProfile}); {@link dev.keel.data.stats.ProfileText} renders it for
 * {@code keel datasets show}.
 */
package dev.keel.data.stats;
