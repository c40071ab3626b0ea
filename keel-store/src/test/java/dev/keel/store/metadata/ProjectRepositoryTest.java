package dev.keel.store.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.store.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProjectRepositoryTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07.089Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private MetadataStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private ProjectRepository projects(String kind) {
        store = TestDatabases.open(kind, dir);
        return new ProjectRepository(store, CLOCK);
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void findsACreatedProjectByName(String kind) {
        ProjectRepository projects = projects(kind);

        Project created = projects.create("vision", "image models");

        assertThat(projects.getByName("vision")).isEqualTo(created);
        assertThat(created.createdAt()).isEqualTo(CLOCK.instant());
        assertThat(projects.findById(created.id())).contains(created);
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void listsProjectsInNameOrder(String kind) {
        ProjectRepository projects = projects(kind);
        projects.create("zeta", null);
        projects.create("alpha", null);

        assertThat(projects.list()).extracting(Project::name).containsExactly("alpha", "default", "zeta");
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void rejectsATakenName(String kind) {
        ProjectRepository projects = projects(kind);
        projects.create("vision", null);

        assertThatThrownBy(() -> projects.create("vision", "again"))
                .isInstanceOfSatisfying(KeelException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void rejectsAnInvalidNameAndDescriptionTogether(String kind) {
        ProjectRepository projects = projects(kind);

        assertThatThrownBy(() -> projects.create("Bad Name", "x".repeat(5000)))
                .isInstanceOfSatisfying(KeelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.details()).hasSize(2);
                    assertThat(e.details().getFirst()).startsWith("project.name: Bad Name (expected:");
                });
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void reportsAMissingProjectAsNotFound(String kind) {
        ProjectRepository projects = projects(kind);

        assertThat(projects.findByName("nope")).isEmpty();
        assertThatThrownBy(() -> projects.getByName("nope"))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
