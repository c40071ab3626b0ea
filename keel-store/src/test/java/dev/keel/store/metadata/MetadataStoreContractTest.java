package dev.keel.store.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.config.DatabaseConfig;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.store.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MetadataStoreContractTest {
    @TempDir
    Path dir;

    private MetadataStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private MetadataStore open(String kind) {
        store = TestDatabases.open(kind, dir);
        return store;
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void appliesThePlatformMigration(String kind) {
        MetadataStore store = open(kind);

        String version = store.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT version FROM flyway_schema_history WHERE version = '1' AND success = "
                                + (store.dialect() == Dialect.SQLITE ? "1" : "true"))
                .mapTo(String.class)
                .one());

        assertThat(version).isEqualTo("1");
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void reportsTheDialectOfItsUrl(String kind) {
        assertThat(open(kind).dialect()).isEqualTo(kind.equals("sqlite") ? Dialect.SQLITE : Dialect.POSTGRESQL);
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void startsWithTheDefaultProject(String kind) {
        ProjectRepository projects = new ProjectRepository(open(kind), Clock.systemUTC());

        assertThat(projects.getByName("default").id()).isEqualTo(Project.DEFAULT_ID);
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void translatesUniqueViolationsToAlreadyExists(String kind) {
        MetadataStore store = open(kind);

        assertThatThrownBy(() -> store.inTransaction(handle -> handle.execute(
                        "INSERT INTO projects (id, name, created_at) VALUES ('other', 'default', 1)")))
                .isInstanceOfSatisfying(KeelException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void rollsBackTheWholeTransactionOnFailure(String kind) {
        MetadataStore store = open(kind);

        assertThatThrownBy(() -> store.inTransaction(handle -> {
            handle.execute("INSERT INTO projects (id, name, created_at) VALUES ('p1', 'first', 1)");
            return handle.execute("INSERT INTO projects (id, name, created_at) VALUES ('p1', 'second', 1)");
        })).isInstanceOf(KeelException.class);

        assertThat(new ProjectRepository(store, Clock.systemUTC()).findByName("first")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void passesKeelExceptionsFromTheCallbackThroughUnchanged(String kind) {
        KeelException thrown = KeelException.notFound("thing");

        assertThatThrownBy(() -> open(kind).inTransaction(handle -> {
            throw thrown;
        })).isSameAs(thrown);
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void passesTheHealthCheck(String kind) {
        MetadataStore store = open(kind);

        assertThatCode(store::checkHealth).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void failsTheHealthCheckWhenClosed(String kind) {
        MetadataStore store = open(kind);
        store.close();

        assertThatThrownBy(store::checkHealth)
                .isInstanceOfSatisfying(KeelException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    }

    @Test
    void createsTheParentFolderOfASqliteFile() {
        Path file = dir.resolve("a/b/keel.db");

        try (MetadataStore store = MetadataStore.open(DatabaseConfig.sqlite(file))) {
            store.checkHealth();
        }

        assertThat(file).exists();
    }

    @Test
    void reportsAnUnusableSqliteLocationAsStoreUnavailable() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> MetadataStore.open(DatabaseConfig.sqlite(notAFolder.resolve("keel.db"))))
                .isInstanceOfSatisfying(KeelException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    }

    @Test
    void usesWriteAheadLoggingAndForeignKeysOnSqlite() {
        MetadataStore store = open(TestDatabases.SQLITE);

        store.jdbi().useHandle(handle -> {
            assertThat(handle.createQuery("PRAGMA journal_mode").mapTo(String.class).one()).isEqualToIgnoringCase("wal");
            assertThat(handle.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one()).isOne();
        });
    }

    @Test
    void keepsAMigratedSqliteFileAcrossReopens() {
        Path file = dir.resolve("keel.db");
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);
        try (MetadataStore first = MetadataStore.open(DatabaseConfig.sqlite(file))) {
            new ProjectRepository(first, clock).create("kept", null);
        }

        try (MetadataStore second = MetadataStore.open(DatabaseConfig.sqlite(file))) {
            assertThat(new ProjectRepository(second, clock).getByName("kept").createdAt()).isEqualTo(clock.instant());
        }
    }
}
