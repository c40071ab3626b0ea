package dev.keel.train.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.dataset.DatasetVersion;
import dev.keel.core.dataset.ManifestEntry;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.ingest.ChunkedFileStore;
import dev.keel.data.ingest.ChunkingParameters;
import dev.keel.data.version.CommitRequest;
import dev.keel.data.version.DatasetService;
import dev.keel.data.version.VersionProfiler;
import dev.keel.store.blob.BlobRef;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RunVersionReferencesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void aDatasetVersionThatARunTrainedOnCannotBeDeleted(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            ChunkedFileStore files = new ChunkedFileStore(f.blobs, f.store, ChunkingParameters.defaults(),
                    Clock.systemUTC());
            DatasetService datasets = new DatasetService(f.store, files, VersionProfiler.NONE, Clock.systemUTC(),
                    () -> UUID.randomUUID().toString(), List.of(new RunVersionReferences()));
            datasets.createDataset(null, "d", "");
            byte[] bytes = "x\n1\n".getBytes(StandardCharsets.UTF_8);
            BlobRef blob = files.store("a.csv", new ByteArrayInputStream(bytes));
            ManifestEntry file = new ManifestEntry("a.csv", blob.size(), blob.sha256());
            DatasetVersion first = datasets.commit(null, "d",
                    new CommitRequest(null, "one", "t", List.of(), List.of(file), List.of(), null, null));
            DatasetVersion second = datasets.commit(null, "d",
                    new CommitRequest("1", "two", "t", List.of(), List.of(), List.of("a.csv"), null, null));
            Experiment experiment = f.tracking.createExperiment("e", Map.of());
            Run run = f.tracking.createRun(new NewRun(experiment.id(), "r", "t", null, RunStatus.RUNNING, Map.of(),
                    Map.of(), new RunLineage(first.id(), first.contentHash(), null, null, 1L), null));

            assertThatThrownBy(() -> datasets.deleteVersion(null, "d", "1"))
                    .isInstanceOfSatisfying(KeelException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.IN_USE);
                        assertThat(e.details()).contains("run " + run.id());
                    });
            datasets.deleteVersion(null, "d", String.valueOf(second.number()));
        }
    }
}
