package dev.keel.train.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.KeelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RunSearchTest {
    @TempDir
    Path dir;

    /** Three runs: a (lr 0.01, acc 0.95, FINISHED), b (lr 0.1, acc 0.85, FAILED), c (lr 0.01, no acc). */
    private static Experiment seed(TrackingFixture f) {
        Experiment experiment = f.tracking.createExperiment("search", Map.of());
        Run a = f.run(experiment, "alpha");
        Run b = f.run(experiment, "beta");
        Run c = f.run(experiment, "Gamma");
        f.tracking.logBatch(a.id(), List.of(new MetricPoint("val_accuracy", 0.95, 1, 1)), Map.of("lr", "0.01"),
                Map.of("team", "vision"));
        f.tracking.logBatch(b.id(), List.of(new MetricPoint("val_accuracy", 0.85, 1, 1)), Map.of("lr", "0.1"),
                Map.of("team", "nlp"));
        f.tracking.logBatch(c.id(), List.of(), Map.of("lr", "0.01"), Map.of());
        f.tracking.updateRun(a.id(), RunUpdate.status(RunStatus.FINISHED, null));
        f.tracking.updateRun(b.id(), RunUpdate.status(RunStatus.FAILED, "diverged"));
        return experiment;
    }

    private static List<String> names(TrackingFixture f, Experiment e, String filter, String... order) {
        return f.tracking.searchRuns(RunQuery.of(List.of(e.id()), filter, List.of(order))).runs().stream()
                .map(r -> r.info().name()).toList();
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void filtersOnLatestMetricParamTagAndStatusTogether(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Experiment e = seed(f);

            assertThat(names(f, e, "metrics.val_accuracy > 0.9 and params.lr = '0.01' and tags.team != 'nlp'"
                    + " and attributes.status = 'FINISHED'")).containsExactly("alpha");
            assertThat(names(f, e, "metrics.val_accuracy >= 0.8", "metrics.val_accuracy ASC")).containsExactly("beta", "alpha");
            assertThat(names(f, e, "params.lr = '0.01'", "attributes.run_name")).containsExactly("Gamma", "alpha");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void keelStatusNamesAreAcceptedInFilters(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Experiment e = seed(f);

            assertThat(names(f, e, "status = 'succeeded'")).containsExactly("alpha");
            assertThat(names(f, e, "attributes.status IN ('failed', 'RUNNING')", "run_name DESC")).containsExactly("beta", "Gamma");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void likeIsCaseSensitiveAndIlikeIsNotOnBothEngines(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Experiment e = seed(f);

            assertThat(names(f, e, "attributes.run_name LIKE 'g%'")).isEmpty();
            assertThat(names(f, e, "attributes.run_name ILIKE 'g%'")).containsExactly("Gamma");
            assertThat(names(f, e, "tags.team LIKE '%o%'")).containsExactly("alpha");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void runsWithoutTheSortMetricComeLastInEitherDirection(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Experiment e = seed(f);

            assertThat(names(f, e, "", "metrics.val_accuracy DESC")).containsExactly("alpha", "beta", "Gamma");
            assertThat(names(f, e, null, "metrics.val_accuracy")).containsExactly("beta", "alpha", "Gamma");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void quotesInValuesAreDataNotSql(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Experiment e = seed(f);
            Run odd = f.run(e, "odd");
            f.tracking.logParam(odd.id(), "note", "it's'); DROP TABLE runs; --");

            assertThat(names(f, e, "params.note = 'it''s''); DROP TABLE runs; --'")).containsExactly("odd");
            assertThat(names(f, e, "")).hasSize(4);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void pageTokensWalkEveryRunOnce(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Experiment e = f.tracking.createExperiment("paged", Map.of());
            for (int i = 0; i < 5; i++) {
                f.run(e, "run-" + i);
            }
            List<String> seen = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                RunPage page = f.tracking.searchRuns(new RunQuery(List.of(e.id()), null, List.of("attributes.run_name"),
                        ViewType.ACTIVE_ONLY, 2, token));
                page.runs().forEach(r -> seen.add(r.info().name()));
                token = page.nextPageToken();
                pages++;
            } while (token != null);

            assertThat(seen).containsExactly("run-0", "run-1", "run-2", "run-3", "run-4");
            assertThat(pages).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void deletedRunsAreOnlyInTheDeletedView(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Experiment e = seed(f);
            Run gone = f.run(e, "gone");
            f.tracking.deleteRun(gone.id());

            RunPage deleted = f.tracking.searchRuns(new RunQuery(List.of(e.id()), null, List.of(), ViewType.DELETED_ONLY,
                    10, null));

            assertThat(deleted.runs()).extracting(r -> r.info().name()).containsExactly("gone");
            assertThat(names(f, e, "")).doesNotContain("gone");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void badFilterTermsAreReportedTogether(String kind) {
        try (TrackingFixture f = new TrackingFixture(kind, dir)) {
            Experiment e = seed(f);

            assertThatThrownBy(() -> names(f, e, "metrics.acc > 'high' and params.lr > 1 and attributes.colour = 'red'"))
                    .isInstanceOfSatisfying(KeelException.class, ex -> assertThat(ex.details()).hasSize(3));
        }
    }
}
