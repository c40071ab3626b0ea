package dev.keel.train.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.train.loop.Provenance;
import dev.keel.train.model.ArchitectureRegistry;
import dev.keel.train.spec.TrainingSpec;
import dev.keel.train.spec.TrainingSpecParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TrainingRunsTest {
    private static final Provenance PROVENANCE = new Provenance("0.1.0", "0.36.0", "2.7.1", "Temurin 25", "Linux 6.1 amd64",
            "Test CPU", "host-1", "abc123", 1);
    private static final TrainingRuns.DatasetVersionRef DATASET =
            new TrainingRuns.DatasetVersionRef("version-7", "f".repeat(64));

    @TempDir
    Path dir;

    private static TrainingSpec spec() {
        return new TrainingSpecParser(ArchitectureRegistry.load())
                .parse(Path.of("src/test/resources/specs/cnn-v1.yaml"));
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void runRecordsSpecSeedDatasetVersionAndProvenance(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            TrainingSpec spec = spec();

            Run run = new TrainingRuns(f.tracking).start(spec, DATASET, "fashion", null, "jobs", RunStatus.SCHEDULED,
                    PROVENANCE);

            RunLineage lineage = run.info().lineage();
            assertThat(run.info().status().keelName()).isEqualTo("queued");
            assertThat(lineage.specHash()).isEqualTo(spec.specHash());
            assertThat(lineage.seed()).isEqualTo(spec.training().seed());
            assertThat(lineage.datasetVersionId()).isEqualTo("version-7");
            assertThat(lineage.datasetVersionHash()).isEqualTo("f".repeat(64));
            assertThat(lineage.specJson()).contains("\"cnn\"");
            assertThat(run.info().provenanceJson()).contains("\"djl.version\":\"0.36.0\"").contains("\"git.commit\":\"abc123\"");
            assertThat(run.params()).containsEntry("training.seed", Long.toString(spec.training().seed()));
            assertThat(run.tags()).containsEntry("keel.specHash", spec.specHash());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void runsOfOneExperimentNameShareTheExperimentAndAreSearchableBySpecParams(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            TrainingRuns runs = new TrainingRuns(f.tracking);
            Run first = runs.start(spec(), DATASET, "fashion", "a", "jobs", RunStatus.RUNNING, PROVENANCE);
            Run second = runs.start(spec(), DATASET, "fashion", "b", "jobs", RunStatus.RUNNING, PROVENANCE);

            RunPage found = f.tracking.searchRuns(RunQuery.of(List.of(first.info().experimentId()),
                    "params.training.seed = '" + spec().training().seed() + "' and attributes.spec_hash = '"
                            + spec().specHash() + "'", List.of("attributes.run_name")));

            assertThat(second.info().experimentId()).isEqualTo(first.info().experimentId());
            assertThat(found.runs()).extracting(Run::id).containsExactly(first.id(), second.id());
        }
    }
}
