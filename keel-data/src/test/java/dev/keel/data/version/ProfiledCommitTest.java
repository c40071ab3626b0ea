package dev.keel.data.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.dataset.DatasetVersion;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.record.RecordBatch;
import dev.keel.data.split.SplitReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProfiledCommitTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void storesSchemaStatisticsSplitsAndRowCountsAndReadsASplit(String kind) {
        try (DatasetFixture f = new DatasetFixture(kind, dir, new FormatsVersionProfiler(new ObjectMapper()))) {
            f.service.createDataset(null, "iris", "");
            DatasetVersion v1 = f.service.commit(null, "iris", f.commit(null,
                    f.upload("train.csv", "x,label\n1.5,a\n2.5,b\n"), f.upload("test.csv", "x,label\n3.5,a\n")));

            assertThat(v1.rowCounts()).containsEntry("train", 2L).containsEntry("test", 1L);
            var detail = f.service.getVersion(null, "iris", "1");
            assertThat(detail.schema().toString()).contains("\"x\"").contains("label");
            assertThat(detail.statistics()).isNotNull();
            assertThat(detail.splits().toString()).contains("train").contains("test");
            List<RecordBatch> batches = new ArrayList<>();
            try (SplitReader reader = f.service.openSplit(null, "iris", "1", "train", 10)) {
                reader.forEachRemaining(batches::add);
            }
            assertThat(batches).hasSize(1);
            assertThat(batches.getFirst().rows()).hasSize(2);
            assertThat(f.service.diff(null, "iris", "1", "1").rowCounts().get("train").to()).isEqualTo(2L);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void rejectsMalformedCsvNamingLineAndColumnWithoutCreatingAVersion(String kind) {
        try (DatasetFixture f = new DatasetFixture(kind, dir, new FormatsVersionProfiler(new ObjectMapper()))) {
            f.service.createDataset(null, "d", "");
            var bad = f.upload("data.csv", "id,age\n1,30\n2,31\n3,abc\n");
            assertThatThrownBy(() -> f.service.commit(null, "d", new CommitRequest(null, "", "t", List.of(),
                    List.of(bad), List.of(), new ObjectMapper().readTree("{\"columnTypes\":{\"age\":\"integer\"}}"), null)))
                    .isInstanceOfSatisfying(KeelException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA);
                        assertThat(e.getMessage()).contains("data.csv line 4").contains("age");
                    });
            assertThat(f.service.listVersions(null, "d", 10, 0)).isEmpty();
        }
    }
}
