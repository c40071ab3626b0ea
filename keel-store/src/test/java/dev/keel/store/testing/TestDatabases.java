package dev.keel.store.testing;

import dev.keel.core.config.DatabaseConfig;
import dev.keel.store.metadata.MetadataStore;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Fresh, migrated metadata databases for contract tests that must pass on both engines:
 * <pre>{@code
 * @ParameterizedTest @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
 * void createsDataset(String kind, @TempDir Path dir) {
 *     try (MetadataStore store = TestDatabases.open(kind, dir)) { ... }
 * }
 * }</pre>
 * PostgreSQL is a real server: {@code KEEL_TEST_POSTGRES_URL} (+ {@code _USER}, {@code _PASSWORD}) when
 * set, otherwise one private server per JVM started from Debian's binaries (see {@link PostgresServer}).
 */
public final class TestDatabases {
    public static final String SQLITE = "sqlite";
    public static final String POSTGRESQL = "postgresql";

    private TestDatabases() {}

    public static Stream<String> kinds() {
        return Stream.of(SQLITE, POSTGRESQL);
    }

    /** A new, empty (apart from what migrations insert) migrated database; close it after the test. */
    public static MetadataStore open(String kind, Path tempDir) {
        return MetadataStore.open(config(kind, tempDir));
    }

    /** The configuration of a new, empty, not yet migrated database of {@code kind}. */
    public static DatabaseConfig config(String kind, Path tempDir) {
        return switch (kind) {
            case SQLITE -> DatabaseConfig.sqlite(tempDir.resolve("metadata-" + System.nanoTime() + ".db"));
            case POSTGRESQL -> PostgresServer.shared().createDatabase();
            default -> throw new IllegalArgumentException("kind: " + kind + " (expected: sqlite or postgresql)");
        };
    }
}
