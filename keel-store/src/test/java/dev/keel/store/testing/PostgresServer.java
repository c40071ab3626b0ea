package dev.keel.store.testing;

import dev.keel.core.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL server for tests: the one named by {@code KEEL_TEST_POSTGRES_URL} (a JDBC URL of any
 * database on it, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres}), or else a private one started
 * once per JVM by {@link LocalPostgres}. Every {@link #createDatabase()} is a new database on it.
 */
public final class PostgresServer {
    private final String server;
    private final String query;
    private final String adminUrl;
    private final String user;
    private final String password;
    private final String namePrefix;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(String adminUrl, String user, String password) {
        this.adminUrl = adminUrl;
        // jdbc:postgresql://host:port/database?options: keep host and options, swap the database.
        int queryStart = adminUrl.indexOf('?');
        String withoutQuery = queryStart < 0 ? adminUrl : adminUrl.substring(0, queryStart);
        this.server = withoutQuery.substring(0, withoutQuery.lastIndexOf('/'));
        this.query = queryStart < 0 ? "" : adminUrl.substring(queryStart);
        this.user = user;
        this.password = password;
        // Several test JVMs may share an external server: keep their database names apart.
        this.namePrefix = "keel_test_" + ProcessHandle.current().pid() + "_";
    }

    /** The JVM's server, started on first use. */
    public static PostgresServer shared() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final PostgresServer INSTANCE = create();

        private static PostgresServer create() {
            String url = System.getenv("KEEL_TEST_POSTGRES_URL");
            if (url != null && !url.isBlank()) {
                return new PostgresServer(
                        url, System.getenv("KEEL_TEST_POSTGRES_USER"), System.getenv("KEEL_TEST_POSTGRES_PASSWORD"));
            }
            LocalPostgres local = LocalPostgres.start();
            return new PostgresServer(local.jdbcUrl("postgres"), local.user(), null);
        }
    }

    /** Creates {@code keel_test_<pid>_<n>} and returns its configuration. */
    public DatabaseConfig createDatabase() {
        String name = namePrefix + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + adminUrl, e);
        }
        return new DatabaseConfig(server + "/" + name + query, user, password, 4);
    }
}
