/**
 * Test fixtures published in keel-store's test-jar: {@link dev.keel.store.testing.TestDatabases} (SQLite
 * and a real PostgreSQL server) and {@link dev.keel.store.testing.S3ProxyServer} (a real S3 API server
 * in-process), so every module's contract tests run against the real engines.
 */
package dev.keel.store.testing;
