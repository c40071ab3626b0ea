package dev.keel.workflow.engine;

import static dev.keel.workflow.engine.EngineHarness.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Several engines on one store: lost servers' steps are taken over, and no step runs twice. */
class EngineTakeoverTest {
    @TempDir
    Path dir;

    private final FakeSteps fakes = new FakeSteps();

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void aStepOfALostServerIsRetriedElsewhereAndSucceededStepsDoNotRunAgain(String kind) {
        try (MetadataStore store = TestDatabases.open(kind, dir)) {
            String runId;
            try (EngineHarness first = new EngineHarness(store, fakes.types(), "first").start()) {
                first.service.apply("""
                        name: resumable
                        steps:
                          - {name: done, type: emit, params: {value: v}}
                          - {name: nap, type: sleep, needs: [done], retries: 1, params: {millis: 1500}}
                        """, "test");
                runId = first.service.run("resumable", Map.of(), "test").id();
                await().atMost(Duration.ofSeconds(10)).until(() -> fakes.executions(runId, "nap") == 1);
            } // the first server dies mid-step: its attempt stays RUNNING under its lease

            try (EngineHarness second = new EngineHarness(store, fakes.types(), "second").start()) {
                var detail = second.awaitEnded(runId);

                assertThat(detail.run().state()).as(detail.toString()).isEqualTo(RunState.SUCCEEDED);
                assertThat(step(detail, "nap").attempt()).isEqualTo(2);
                assertThat(step(detail, "nap").log()).contains("attempt 2 of 2 on second");
                assertThat(fakes.executions(runId, "done")).isEqualTo(1);
                assertThat(fakes.executions(runId, "nap")).isEqualTo(2);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void aLostStepWithAnExternalRefIsReattachedWithoutUsingAnAttempt(String kind) {
        try (MetadataStore store = TestDatabases.open(kind, dir)) {
            String runId = startThenLoseServer(store, "{name: job, type: attach}", "job");

            try (EngineHarness second = new EngineHarness(store, fakes.types(), "second").start()) {
                var detail = second.awaitEnded(runId);

                assertThat(detail.run().state()).isEqualTo(RunState.SUCCEEDED);
                assertThat(step(detail, "job").attempt()).isEqualTo(1);
                assertThat(step(detail, "job").outputs()).containsEntry("reattached", "job-of-" + runId);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void aLostStepWithNoAttemptLeftFails(String kind) {
        try (MetadataStore store = TestDatabases.open(kind, dir)) {
            String runId = startThenLoseServer(store, "{name: nap, type: sleep, params: {millis: 60000}}", "nap");

            try (EngineHarness second = new EngineHarness(store, fakes.types(), "second").start()) {
                var detail = second.awaitEnded(runId);

                assertThat(detail.run().state()).isEqualTo(RunState.FAILED);
                assertThat(step(detail, "nap").reason()).isEqualTo(
                        "its server was lost during attempt 1 of 1; no attempts left");
                assertThat(fakes.executions(runId, "nap")).isEqualTo(1);
            }
        }
    }

    /** Starts a one-step pipeline on a server that dies once the step runs; returns the run id. */
    private String startThenLoseServer(MetadataStore store, String step, String stepName) {
        try (EngineHarness first = new EngineHarness(store, fakes.types(), "first").start()) {
            first.service.apply("name: lossy\nsteps:\n  - " + step + "\n", "test");
            String runId = first.service.run("lossy", Map.of(), "test").id();
            await().atMost(Duration.ofSeconds(10)).until(() -> fakes.executions(runId, stepName) == 1
                    && (!stepName.equals("job") || first.service.run(runId).steps().getFirst().externalRef() != null));
            return runId;
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void twoEnginesOnOneStoreNeverRunAStepTwice(String kind) {
        try (MetadataStore store = TestDatabases.open(kind, dir);
                EngineHarness a = new EngineHarness(store, fakes.types(), "a").start();
                EngineHarness b = new EngineHarness(store, fakes.types(), "b").start()) {
            a.service.apply("""
                    name: fan
                    steps:
                      - {name: s1, type: emit, params: {value: "1"}}
                      - {name: s2, type: emit, params: {value: "2"}}
                      - {name: s3, type: emit, params: {value: "${steps.s1.outputs.value}"}}
                      - {name: s4, type: emit, params: {value: "${steps.s2.outputs.value}"}}
                      - {name: s5, type: emit, params: {value: "${steps.s3.outputs.value}${steps.s4.outputs.value}"}}
                    """, "test");
            List<String> runIds = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runIds.add((i % 2 == 0 ? a : b).service.run("fan", Map.of(), "test").id());
            }

            for (String runId : runIds) {
                var detail = a.awaitEnded(runId);
                assertThat(detail.run().state()).isEqualTo(RunState.SUCCEEDED);
                assertThat(step(detail, "s5").outputs()).containsEntry("value", "12");
                for (String step : List.of("s1", "s2", "s3", "s4", "s5")) {
                    assertThat(fakes.executions(runId, step)).as(runId + "/" + step).isEqualTo(1);
                }
            }
        }
    }
}
