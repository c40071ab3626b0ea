package dev.keel.store.metadata;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.keel.core.config.DatabaseConfig;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Builds the connection pool for a {@link DatabaseConfig}, with the per-engine settings Keel relies on. */
final class DataSources {
    private DataSources() {}

    static HikariDataSource open(DatabaseConfig config, Duration lockWait) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("keel-metadata");
        hikari.setMaximumPoolSize(config.maxPoolSize());
        // Idle connections cost a server process each on PostgreSQL; one warm connection is enough.
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        hikari.setInitializationFailTimeout(-1);
        if (config.isSqlite()) {
            configureSqlite(hikari, config.url(), lockWait);
        } else {
            hikari.setJdbcUrl(config.url());
            hikari.setUsername(config.user());
            hikari.setPassword(config.password());
            // A writer stuck behind a lock fails (CONCURRENT_MODIFICATION) instead of hanging a request.
            hikari.setConnectionInitSql("SET lock_timeout = " + lockWait.toMillis());
        }
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new KeelException(ErrorCode.STORE_UNAVAILABLE, "cannot connect to " + redacted(config.url()), e);
        }
    }

    private static void configureSqlite(HikariConfig hikari, String url, Duration lockWait) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout((int) lockWait.toMillis());
        // BEGIN IMMEDIATE takes the write lock up front, so two writers queue on busy_timeout instead of
        // deadlocking when both try to upgrade a read lock (which SQLite fails at once with SQLITE_BUSY).
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        String path = sqlitePath(url);
        if (path.equals(":memory:") || path.isEmpty()) {
            // Each connection to :memory: is its own database: keep exactly one, forever.
            hikari.setMaximumPoolSize(1);
            hikari.setMaxLifetime(0);
            hikari.setIdleTimeout(0);
        } else {
            createParent(Path.of(path));
        }
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl(url);
        hikari.setDataSource(dataSource);
    }

    /** The file behind {@code jdbc:sqlite:PATH}, {@code jdbc:sqlite:file:PATH?opts}. */
    static String sqlitePath(String url) {
        String path = url.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        return path.startsWith("file:") ? path.substring("file:".length()) : path;
    }

    private static void createParent(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new KeelException(
                    ErrorCode.STORE_UNAVAILABLE, "cannot create the database folder " + parent + ": " + e.getMessage(), e);
        }
    }

    /** URLs may carry {@code password=…}; error messages must not. */
    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
