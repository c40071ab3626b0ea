package dev.keel.workflow.engine;

import static org.awaitility.Awaitility.await;

import dev.keel.store.metadata.MetadataStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** One "server's" engine on a shared store: ticks every 50 ms, leases of two seconds. */
final class EngineHarness implements AutoCloseable {
    static final EngineSettings FAST = new EngineSettings(Duration.ofMillis(50), Duration.ofSeconds(2));

    final WorkflowEngine engine;
    final PipelineService service;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService steps = Executors.newVirtualThreadPerTaskExecutor();

    EngineHarness(MetadataStore store, List<StepType> types, String owner) {
        RunRepository runs = new RunRepository(store);
        engine = new WorkflowEngine(runs, types, FAST, Clock.systemUTC(), steps, owner);
        service = new PipelineService(new PipelineRepository(store), runs, engine, Clock.systemUTC(),
                () -> UUID.randomUUID().toString());
    }

    EngineHarness start() {
        engine.start(scheduler);
        return this;
    }

    PipelineService.RunDetail awaitEnded(String runId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> service.run(runId).run().state().isTerminal());
        return service.run(runId);
    }

    static StepRun step(PipelineService.RunDetail detail, String name) {
        return detail.steps().stream().filter(s -> s.stepName().equals(name)).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        engine.close();
        scheduler.shutdownNow();
        steps.shutdownNow();
    }
}
