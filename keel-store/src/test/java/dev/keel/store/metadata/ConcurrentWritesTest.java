package dev.keel.store.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.config.DatabaseConfig;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.store.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConcurrentWritesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void turnsALockHeldPastTheWaitIntoConcurrentModification(String kind) throws Exception {
        DatabaseConfig config = TestDatabases.config(kind, dir);
        try (MetadataStore store = MetadataStore.open(config, Duration.ofMillis(300));
                Connection other = DriverManager.getConnection(config.url(), config.user(), config.password());
                Statement holder = other.createStatement()) {
            other.setAutoCommit(false);
            holder.execute("UPDATE projects SET description = 'held' WHERE id = 'default'");

            assertThatThrownBy(() -> store.inTransaction(handle ->
                            handle.execute("UPDATE projects SET description = 'mine' WHERE id = 'default'")))
                    .isInstanceOfSatisfying(KeelException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION));
            other.rollback();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void letsExactlyOneOfManyConcurrentCreatesOfANameWin(String kind) throws Exception {
        int writers = 4;
        ExecutorService executor = Executors.newFixedThreadPool(writers);
        try (MetadataStore store = TestDatabases.open(kind, dir)) {
            ProjectRepository projects = new ProjectRepository(store, Clock.systemUTC());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Project>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                results.add(executor.submit(() -> {
                    start.await();
                    return projects.create("contested", null);
                }));
            }
            start.countDown();

            List<ErrorCode> failures = new ArrayList<>();
            int successes = 0;
            for (Future<Project> result : results) {
                try {
                    result.get();
                    successes++;
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(((KeelException) e.getCause()).code());
                }
            }

            assertThat(successes).isOne();
            assertThat(failures).hasSize(writers - 1).containsOnly(ErrorCode.ALREADY_EXISTS);
        } finally {
            executor.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void queuesConcurrentWritersInsteadOfFailingThem(String kind) throws Exception {
        int writers = 4;
        int perWriter = 10;
        ExecutorService executor = Executors.newFixedThreadPool(writers);
        try (MetadataStore store = TestDatabases.open(kind, dir)) {
            ProjectRepository projects = new ProjectRepository(store, Clock.systemUTC());
            List<Future<?>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                results.add(executor.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        projects.create("p-" + writer + "-" + i, null);
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }

            assertThat(projects.list()).hasSize(writers * perWriter + 1);
        } finally {
            executor.shutdownNow();
        }
    }
}
