package dev.keel.train.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TrackingServiceTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void experimentNamesAreUniqueAndTagsRoundTrip(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Experiment created = f.tracking.createExperiment("mnist", Map.of("team", "vision"));

            assertThat(f.tracking.getExperimentByName("default", "mnist")).isEqualTo(created);
            assertThat(f.tracking.getExperiment(created.id()).tags()).containsEntry("team", "vision");
            assertThatThrownBy(() -> f.tracking.createExperiment("mnist", Map.of()))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void deletedExperimentIsHiddenFromActiveListingUntilRestored(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Experiment experiment = f.tracking.createExperiment("old", Map.of());

            f.tracking.deleteExperiment(experiment.id());
            List<String> active = names(f.tracking.listExperiments("default", ViewType.ACTIVE_ONLY, 0, 100));
            List<String> deleted = names(f.tracking.listExperiments("default", ViewType.DELETED_ONLY, 0, 100));
            f.tracking.restoreExperiment(experiment.id());

            assertThat(active).containsExactly("Default");
            assertThat(deleted).containsExactly("old");
            assertThat(f.tracking.getExperiment(experiment.id()).lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void runKeepsParamsTagsLineageAndLatestMetrics(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Experiment experiment = f.tracking.createExperiment("e", Map.of());
            RunLineage lineage = new RunLineage("dv-1", "a".repeat(64), "b".repeat(64), "{\"model\":{}}", 42L);
            Run created = f.tracking.createRun(new NewRun(experiment.id(), "first", "alice", null, RunStatus.SCHEDULED,
                    Map.of("lr", "0.01"), Map.of("team", "x"), lineage, "{\"host\":\"h\"}"));

            f.tracking.logBatch(created.id(), List.of(new MetricPoint("loss", 0.9, 1, 10), new MetricPoint("loss", 0.5, 2, 5),
                    new MetricPoint("loss", 0.7, 1, 20)), Map.of("epochs", "3"), Map.of());
            Run run = f.tracking.getRun(created.id());

            assertThat(run.info().status()).isEqualTo(RunStatus.SCHEDULED);
            assertThat(run.info().lineage()).isEqualTo(lineage);
            assertThat(run.info().provenanceJson()).isEqualTo("{\"host\":\"h\"}");
            assertThat(run.params()).containsExactlyInAnyOrderEntriesOf(Map.of("lr", "0.01", "epochs", "3"));
            assertThat(run.tags()).containsEntry("team", "x").containsEntry("mlflow.runName", "first");
            assertThat(run.latestMetrics()).containsExactly(new MetricPoint("loss", 0.5, 2, 5));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void loggingTheSameParamAgainIsAcceptedButChangingItIsRejected(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Run run = f.run(f.tracking.createExperiment("e", Map.of()), "r");
            f.tracking.logParam(run.id(), "lr", "0.1");

            f.tracking.logParam(run.id(), "lr", "0.1");

            assertThatThrownBy(() -> f.tracking.logBatch(run.id(), List.of(), Map.of("lr", "0.2", "new", "1"), Map.of()))
                    .isInstanceOfSatisfying(KeelException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).contains("params.lr: 0.2 (expected: 0.1");
                    });
            assertThat(f.tracking.getRun(run.id()).params()).containsExactly(Map.entry("lr", "0.1"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void nanMetricsRoundTripAsNaN(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Run run = f.run(f.tracking.createExperiment("e", Map.of()), "r");

            f.tracking.logMetric(run.id(), new MetricPoint("loss", Double.NaN, 3, 1));

            assertThat(f.tracking.metricHistory(run.id(), "loss", 0, 10)).singleElement()
                    .satisfies(p -> assertThat(p.value()).isNaN());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void terminalStatusEndsTheRunWithItsReason(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Run run = f.run(f.tracking.createExperiment("e", Map.of()), "r");

            RunInfo updated = f.tracking.updateRun(run.id(), RunUpdate.status(RunStatus.FAILED, "loss diverged at step 12"));

            assertThat(updated.status()).isEqualTo(RunStatus.FAILED);
            assertThat(updated.status().keelName()).isEqualTo("failed");
            assertThat(updated.statusReason()).isEqualTo("loss diverged at step 12");
            assertThat(updated.endTime()).isEqualTo(TrackingFixture.NOW);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void deletedRunRejectsLoggingUntilRestored(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Run run = f.run(f.tracking.createExperiment("e", Map.of()), "r");
            f.tracking.deleteRun(run.id());

            assertThatThrownBy(() -> f.tracking.setTag(run.id(), "k", "v"))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.getMessage()).contains("is deleted"));
            f.tracking.restoreRun(run.id());
            f.tracking.setTag(run.id(), "k", "v");

            assertThat(f.tracking.getRun(run.id()).tags()).containsEntry("k", "v");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void artifactsAreStoredAsBlobsAndReadBack(String kind) throws Exception {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Run run = f.run(f.tracking.createExperiment("e", Map.of()), "r");
            byte[] bytes = "weights".getBytes(StandardCharsets.UTF_8);

            ArtifactInfo stored = f.tracking.putArtifact(run.id(), "model/weights.bin", new ByteArrayInputStream(bytes),
                    bytes.length);

            assertThat(f.tracking.listArtifacts(run.id())).containsExactly(stored);
            assertThat(f.blobs.exists(stored.sha256())).isTrue();
            try (InputStream in = f.tracking.openArtifact(f.tracking.getArtifact(run.id(), "model/weights.bin"))) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void artifactPathsMayNotEscapeTheRun(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Run run = f.run(f.tracking.createExperiment("e", Map.of()), "r");

            assertThatThrownBy(() -> f.tracking.putArtifact(run.id(), "../x", new ByteArrayInputStream(new byte[1]), 1))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.getMessage()).startsWith("artifact path: ../x"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void invalidKeysAreAllReportedAtOnce(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Run run = f.run(f.tracking.createExperiment("e", Map.of()), "r");

            assertThatThrownBy(() -> f.tracking.logBatch(run.id(), List.of(new MetricPoint("bad*key", 1, 0, 0)),
                    Map.of("", "v"), Map.of("../t", "v")))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.details()).hasSize(3));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void compareShowsEveryKeyWithEachRunsValue(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Experiment experiment = f.tracking.createExperiment("e", Map.of());
            Run a = f.run(experiment, "a");
            Run b = f.run(experiment, "b");
            f.tracking.logBatch(a.id(), List.of(new MetricPoint("acc", 0.8, 1, 1)), Map.of("lr", "0.1"), Map.of());
            f.tracking.logBatch(b.id(), List.of(), Map.of("lr", "0.2", "wd", "0.01"), Map.of());

            RunComparison comparison = f.tracking.compare(List.of(b.id(), a.id()));

            assertThat(comparison.runNames()).containsExactly("b", "a");
            assertThat(comparison.params()).containsEntry("lr", List.of("0.2", "0.1"));
            assertThat(comparison.params().get("wd")).containsExactly("0.01", null);
            assertThat(comparison.metrics().get("acc")).containsExactly(null, 0.8);
        }
    }

    private static List<String> names(List<Experiment> experiments) {
        return experiments.stream().map(Experiment::name).toList();
    }
}
