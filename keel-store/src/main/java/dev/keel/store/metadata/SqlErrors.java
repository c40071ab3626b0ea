package dev.keel.store.metadata;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Maps database failures to Keel error codes, so callers handle "already exists" and "lost a race" the
 * same way on SQLite and PostgreSQL.
 */
final class SqlErrors {
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private SqlErrors() {}

    /** The Keel error for {@code failure}, or empty when it is not one Keel knows how to name. */
    static Optional<KeelException> translate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof KeelException) {
                return Optional.empty();
            }
            if (t instanceof SQLException sql) {
                ErrorCode code = codeOf(sql);
                if (code != null) {
                    return Optional.of(new KeelException(code, describe(code, sql), failure));
                }
            }
        }
        return Optional.empty();
    }

    private static ErrorCode codeOf(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            return sqliteCode(sqlite.getResultCode());
        }
        if (e instanceof SQLTransientConnectionException) {
            return ErrorCode.STORE_UNAVAILABLE;
        }
        String state = e.getSQLState();
        if (state == null) {
            return null;
        }
        return switch (state) {
            case "23505" -> ErrorCode.ALREADY_EXISTS; // unique_violation
            case "40001", "40P01", "55P03" -> ErrorCode.CONCURRENT_MODIFICATION; // serialization, deadlock, lock timeout
            default -> state.startsWith("08") ? ErrorCode.STORE_UNAVAILABLE : null; // connection exceptions
        };
    }

    private static ErrorCode sqliteCode(SQLiteErrorCode code) {
        if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
            return ErrorCode.ALREADY_EXISTS;
        }
        if (code.code == SQLITE_BUSY || code.code == SQLITE_LOCKED || (code.code & 0xff) == SQLITE_BUSY
                || (code.code & 0xff) == SQLITE_LOCKED) {
            return ErrorCode.CONCURRENT_MODIFICATION;
        }
        return null;
    }

    private static String describe(ErrorCode code, SQLException e) {
        return switch (code) {
            case ALREADY_EXISTS -> "already exists: " + e.getMessage();
            case CONCURRENT_MODIFICATION -> "concurrent modification, retry: " + e.getMessage();
            default -> "metadata store unavailable: " + e.getMessage();
        };
    }
}
