package dev.keel.core.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where metadata lives: a JDBC URL ({@code jdbc:sqlite:…} or {@code jdbc:postgresql:…}) with optional
 * credentials.
 */
public record DatabaseConfig(String url, String user, String password, int maxPoolSize) {
    public DatabaseConfig {
        requireNonNull(url, "url is null");
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "database.url: " + url + " (expected: jdbc:sqlite:PATH or jdbc:postgresql://HOST/DB)");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("database.maxPoolSize: " + maxPoolSize + " (expected: >= 1)");
        }
    }

    /** The embedded default: a SQLite file in the Keel home. */
    public static DatabaseConfig sqlite(Path file) {
        return new DatabaseConfig("jdbc:sqlite:" + file.toAbsolutePath(), null, null, 4);
    }

    public boolean isSqlite() {
        return url.startsWith("jdbc:sqlite:");
    }
}
