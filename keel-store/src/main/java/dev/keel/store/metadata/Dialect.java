package dev.keel.store.metadata;

import dev.keel.core.config.DatabaseConfig;

/** The SQL engines Keel's metadata runs on; repositories branch on it only where the portable subset ends. */
public enum Dialect {
    SQLITE,
    POSTGRESQL;

    public static Dialect of(DatabaseConfig config) {
        return config.isSqlite() ? SQLITE : POSTGRESQL;
    }
}
