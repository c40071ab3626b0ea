package dev.keel.data.version;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.core.dataset.DatasetVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VersionListingTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void listsTwoHundredVersionsWithTagsInConstantStatements(String kind) {
        try (DatasetFixture f = new DatasetFixture(kind, dir)) {
            f.service.createDataset(null, "d", "");
            var file = f.upload("a.bin", "x");
            for (int i = 1; i <= 200; i++) {
                String parent = i == 1 ? null : String.valueOf(i - 1);
                f.service.commit(null, "d", new CommitRequest(parent, "c" + i, "t",
                        i % 50 == 0 ? List.of("t" + i) : List.of(), i == 1 ? List.of(file) : List.of(), List.of(),
                        null, null));
            }
            AtomicInteger statements = new AtomicInteger();
            f.metadata.jdbi().getConfig(SqlStatements.class).setSqlLogger(new SqlLogger() {
                @Override
                public void logAfterExecution(StatementContext context) {
                    statements.incrementAndGet();
                }
            });

            List<DatasetVersion> versions = f.service.listVersions(null, "d", 10_000, 0);

            assertThat(versions).hasSize(200);
            assertThat(versions.getFirst().number()).isEqualTo(200);
            assertThat(versions.getFirst().tags()).containsExactly("t200");
            assertThat(versions.get(50).tags()).containsExactly("t150");
            assertThat(versions.get(1).parent()).isEqualTo(198);
            assertThat(statements.get()).as("dataset lookup + one version query").isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void pagesNewestFirst(String kind) {
        try (DatasetFixture f = new DatasetFixture(kind, dir)) {
            f.service.createDataset(null, "d", "");
            for (int i = 1; i <= 5; i++) {
                f.service.commit(null, "d", f.commit(i == 1 ? null : String.valueOf(i - 1), f.upload("a", "v" + i)));
            }
            assertThat(f.service.listVersions(null, "d", 2, 1)).extracting(DatasetVersion::number).containsExactly(4, 3);
        }
    }
}
