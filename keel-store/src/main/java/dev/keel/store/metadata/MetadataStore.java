package dev.keel.store.metadata;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import dev.keel.core.config.DatabaseConfig;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.HandleCallback;

/**
 * Keel's relational metadata: a pooled connection to SQLite or PostgreSQL, migrated on open with every
 * {@code db/migration/V*__*.sql} on the classpath (keel-store, keel-data and keel-server each contribute
 * theirs). Repositories run their SQL through {@link #inTransaction} so constraint and lock failures
 * surface as {@link KeelException}s with portable codes.
 *
 * <p>Isolation: SQLite transactions begin IMMEDIATE (one writer at a time, others wait up to the lock
 * wait); PostgreSQL runs at its default READ COMMITTED, so repositories guard read-modify-write with
 * unique constraints or {@code UPDATE … WHERE version = :expected} rather than relying on isolation.
 * Plain reads should use {@code jdbi().withHandle(…)}: on SQLite a transaction holds the write lock.
 */
public final class MetadataStore implements AutoCloseable {
    /** How long a writer waits for a lock held by another before giving up with CONCURRENT_MODIFICATION. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(10);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;

    private MetadataStore(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.jdbi = Jdbi.create(dataSource);
    }

    /** Connects and applies pending migrations; fails with STORE_UNAVAILABLE if either is impossible. */
    public static MetadataStore open(DatabaseConfig config) {
        return open(config, DEFAULT_LOCK_WAIT);
    }

    public static MetadataStore open(DatabaseConfig config, Duration lockWait) {
        requireNonNull(config, "config is null");
        requireNonNull(lockWait, "lockWait is null");
        HikariDataSource dataSource = DataSources.open(config, lockWait);
        try {
            migrate(dataSource);
            return new MetadataStore(dataSource, Dialect.of(config));
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static void migrate(HikariDataSource dataSource) {
        // The classpath scanner asks the class loader for every "db/migration" folder, so migrations in
        // all module jars (and test-classes folders) are found, not only this jar's. The context loader
        // wins because it is the one that sees every module where Keel is embedded.
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : MetadataStore.class.getClassLoader();
        try {
            Flyway.configure(loader)
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new KeelException(ErrorCode.STORE_UNAVAILABLE, "metadata migration failed: " + e.getMessage(), e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Runs {@code callback} in one transaction. Unique-constraint violations become ALREADY_EXISTS;
     * lock waits that time out, SQLite busy errors and PostgreSQL serialization failures or deadlocks
     * become CONCURRENT_MODIFICATION (the caller may retry); a lost connection becomes STORE_UNAVAILABLE.
     */
    public <T> T inTransaction(HandleCallback<T, RuntimeException> callback) {
        requireNonNull(callback, "callback is null");
        try {
            return jdbi.inTransaction(callback);
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e).orElseThrow(() -> e);
        }
    }

    /** A {@code SELECT 1} round trip; STORE_UNAVAILABLE when the database cannot answer. */
    public void checkHealth() {
        try {
            jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
        } catch (RuntimeException e) {
            throw new KeelException(ErrorCode.STORE_UNAVAILABLE, "metadata store unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
