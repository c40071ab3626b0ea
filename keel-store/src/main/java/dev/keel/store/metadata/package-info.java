/**
 * Relational metadata: {@link dev.keel.store.metadata.MetadataStore} (connection pool, Flyway migrations
 * gathered from every jar's {@code db/migration}, transactions with database errors translated to
 * {@link dev.keel.core.error.ErrorCode}s) and the platform-level repositories such as projects.
 */
package dev.keel.store.metadata;
