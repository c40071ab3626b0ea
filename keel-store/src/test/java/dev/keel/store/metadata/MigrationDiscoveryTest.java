package dev.keel.store.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.core.config.DatabaseConfig;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keel-data and keel-server ship their own migrations in their jars; all of them must be applied. */
class MigrationDiscoveryTest {
    @TempDir
    Path dir;

    @Test
    void appliesMigrationsFromEveryClasspathRoot() throws Exception {
        Path otherModule = dir.resolve("other-module");
        Files.createDirectories(otherModule.resolve("db/migration"));
        Files.writeString(otherModule.resolve("db/migration/V2__other.sql"),
                "CREATE TABLE others (id TEXT PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects (id));");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {otherModule.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(loader);
            try (MetadataStore store = MetadataStore.open(DatabaseConfig.sqlite(dir.resolve("keel.db")))) {
                List<String> versions = store.jdbi().withHandle(handle -> handle.createQuery(
                                "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")
                        .mapTo(String.class)
                        .list());

                assertThat(versions).containsExactly("1", "2");
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
