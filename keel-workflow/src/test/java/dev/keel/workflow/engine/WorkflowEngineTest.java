package dev.keel.workflow.engine;

import static dev.keel.workflow.engine.EngineHarness.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine with fake steps on SQLite and PostgreSQL. */
class WorkflowEngineTest {
    @TempDir
    Path dir;

    private final FakeSteps fakes = new FakeSteps();

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void outputsFlowToLaterStepsByReference(String kind) {
        try (MetadataStore store = TestDatabases.open(kind, dir);
                EngineHarness server = new EngineHarness(store, fakes.types(), "a").start()) {
            server.service.apply("""
                    name: chain
                    parameters: {suffix: y}
                    steps:
                      - {name: first, type: emit, params: {value: x}}
                      - {name: second, type: emit, params: {value: "${steps.first.outputs.value}-${params.suffix}-$$"}}
                    """, "test");

            var detail = server.awaitEnded(server.service.run("chain", Map.of(), "test").id());

            assertThat(detail.run().state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(step(detail, "second").outputs()).containsEntry("value", "x-y-$");
            assertThat(step(detail, "second").params()).contains("x-y-$");
            assertThat(step(detail, "first").log()).contains("emitting x");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void failedAttemptsAreRetriedWithBackoffUntilOneSucceeds(String kind) {
        try (MetadataStore store = TestDatabases.open(kind, dir);
                EngineHarness server = new EngineHarness(store, fakes.types(), "a").start()) {
            server.service.apply("""
                    name: flaky
                    steps:
                      - {name: shaky, type: flaky, retries: 2, backoff: 100ms, params: {succeedOn: 3}}
                    """, "test");

            var detail = server.awaitEnded(server.service.run("flaky", Map.of(), "test").id());

            StepRun shaky = step(detail, "shaky");
            assertThat(detail.run().state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(shaky.attempt()).isEqualTo(3);
            assertThat(shaky.outputs()).containsEntry("attempt", "3");
            assertThat(shaky.log()).contains("flaked on attempt 1").contains("flaked on attempt 2");
            assertThat(fakes.executions(detail.run().id(), "shaky")).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void aFailedStepSkipsEveryStepDownstreamWithoutRunningThem(String kind) {
        try (MetadataStore store = TestDatabases.open(kind, dir);
                EngineHarness server = new EngineHarness(store, fakes.types(), "a").start()) {
            server.service.apply("""
                    name: broken
                    steps:
                      - {name: ok, type: emit, params: {value: v}}
                      - {name: bad, type: fail, needs: [ok], retries: 3}
                      - {name: after, type: emit, needs: [bad], params: {value: v}}
                      - {name: later, type: emit, params: {value: "${steps.after.outputs.value}"}}
                    """, "test");

            var detail = server.awaitEnded(server.service.run("broken", Map.of(), "test").id());

            assertThat(detail.run().state()).isEqualTo(RunState.FAILED);
            assertThat(detail.run().reason()).isEqualTo("step bad failed: failed on purpose");
            assertThat(step(detail, "bad").attempt()).as("a permanent failure is not retried").isEqualTo(1);
            assertThat(step(detail, "after").state()).isEqualTo(StepState.SKIPPED);
            assertThat(step(detail, "after").reason()).isEqualTo("skipped: upstream step bad failed");
            assertThat(step(detail, "later").state()).isEqualTo(StepState.SKIPPED);
            assertThat(fakes.executions(detail.run().id(), "after")).isZero();
            assertThat(fakes.executions(detail.run().id(), "later")).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void anAttemptPastItsTimeoutIsInterruptedAndFails(String kind) {
        try (MetadataStore store = TestDatabases.open(kind, dir);
                EngineHarness server = new EngineHarness(store, fakes.types(), "a").start()) {
            server.service.apply("""
                    name: slow
                    steps:
                      - {name: nap, type: sleep, timeout: 300ms, params: {millis: 60000}}
                    """, "test");

            var detail = server.awaitEnded(server.service.run("slow", Map.of(), "test").id());

            assertThat(detail.run().state()).isEqualTo(RunState.FAILED);
            assertThat(step(detail, "nap").reason()).isEqualTo("timed out after PT0.3S");
            await().atMost(Duration.ofSeconds(5)).until(() -> fakes.interrupts(detail.run().id(), "nap") == 1);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void cancelStopsTheRunningStepAndCancelsTheRest(String kind) {
        try (MetadataStore store = TestDatabases.open(kind, dir);
                EngineHarness server = new EngineHarness(store, fakes.types(), "a").start()) {
            server.service.apply("""
                    name: long
                    steps:
                      - {name: nap, type: sleep, params: {millis: 60000}}
                      - {name: after, type: emit, needs: [nap], params: {value: v}}
                    """, "test");
            String runId = server.service.run("long", Map.of(), "test").id();
            await().atMost(Duration.ofSeconds(10)).until(() -> fakes.executions(runId, "nap") == 1);

            var detail = server.service.cancel(runId, "alice");

            assertThat(detail.run().state()).isEqualTo(RunState.CANCELLED);
            assertThat(step(detail, "nap").state()).isEqualTo(StepState.CANCELLED);
            assertThat(step(detail, "after").state()).isEqualTo(StepState.CANCELLED);
            await().atMost(Duration.ofSeconds(5)).until(() -> fakes.interrupts(runId, "nap") == 1);
            assertThat(fakes.executions(runId, "after")).isZero();
        }
    }
}
