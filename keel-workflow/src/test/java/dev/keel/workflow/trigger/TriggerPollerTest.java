package dev.keel.workflow.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.testing.TestDatabases;
import dev.keel.workflow.engine.EngineSettings;
import dev.keel.workflow.engine.PipelineRepository;
import dev.keel.workflow.engine.PipelineRun;
import dev.keel.workflow.engine.PipelineService;
import dev.keel.workflow.engine.RunRepository;
import dev.keel.workflow.engine.StepResult;
import dev.keel.workflow.engine.StepType;
import dev.keel.workflow.engine.WorkflowEngine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Cron and dataset triggers driven by hand (no engine ticks: only which runs get started is checked). */
class TriggerPollerTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:02:00Z"));
    private final Map<String, String> latest = new HashMap<>();

    private record Wiring(PipelineRepository pipelines, PipelineService service, TriggerPoller poller) {}

    private Wiring wire(MetadataStore store) {
        List<StepType> types = List.of(StepType.of("noop", Set.of(), Set.of("value"), c -> StepResult.empty()));
        RunRepository runs = new RunRepository(store);
        WorkflowEngine engine = new WorkflowEngine(runs, types, EngineSettings.defaults(), clock,
                Executors.newVirtualThreadPerTaskExecutor(), "test");
        PipelineRepository pipelines = new PipelineRepository(store);
        PipelineService service = new PipelineService(pipelines, runs, engine, clock, () -> UUID.randomUUID().toString());
        return new Wiring(pipelines, service, new TriggerPoller(pipelines, service, engine.parser(),
                name -> Optional.ofNullable(latest.get(name)), clock));
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void cronFiresOncePerDueTimeAndMissedFiresCollapse(String kind) {
        try (MetadataStore store = TestDatabases.open(kind, dir)) {
            Wiring w = wire(store);
            var applied = w.service().apply("""
                    name: nightly
                    triggers: [{cron: "*/5 * * * *"}]
                    steps: [{name: s, type: noop, params: {value: "${trigger.time}"}}]
                    """, "test");
            w.poller().prime(applied.pipeline());
            w.poller().poll();
            assertThat(runs(w)).isEmpty();

            clock.set(Instant.parse("2026-11-23T10:06:00Z"));
            w.poller().poll();
            w.poller().poll();
            assertThat(runs(w)).extracting(r -> r.trigger().get("time")).containsExactly("2026-11-23T10:05:00Z");

            clock.set(Instant.parse("2026-11-23T10:31:00Z"));
            w.poller().poll();
            assertThat(runs(w)).extracting(r -> r.trigger().get("time"))
                    .containsExactly("2026-11-23T10:30:00Z", "2026-11-23T10:05:00Z");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void aNewDatasetVersionStartsOneRunWithTheVersionAsTriggerFactAndParameter(String kind) {
        try (MetadataStore store = TestDatabases.open(kind, dir)) {
            Wiring w = wire(store);
            latest.put("points", "1");
            var applied = w.service().apply("""
                    name: retrain
                    parameters: {dataset_version: null}
                    triggers: [{dataset: points}]
                    steps: [{name: s, type: noop, params: {value: "points@${trigger.dataset_version}"}}]
                    """, "test");
            w.poller().prime(applied.pipeline());
            w.poller().poll();
            assertThat(runs(w)).as("the version existing at apply time does not fire").isEmpty();

            latest.put("points", "2");
            w.poller().poll();
            w.poller().poll();

            assertThat(runs(w)).singleElement().satisfies(run -> {
                assertThat(run.trigger()).containsEntry("kind", "dataset").containsEntry("dataset", "points")
                        .containsEntry("dataset_version", "2");
                assertThat(run.params()).containsEntry("dataset_version", "2");
                assertThat(run.createdBy()).isEqualTo("trigger dataset:points");
            });
        }
    }

    private static List<PipelineRun> runs(Wiring w) {
        return w.service().runs(Optional.empty(), 100);
    }
}
