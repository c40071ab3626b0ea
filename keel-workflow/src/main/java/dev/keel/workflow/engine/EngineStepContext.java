package dev.keel.workflow.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The engine's {@link StepContext}: values fixed at launch, the log and external ref written through. */
final class EngineStepContext implements StepContext {
    private final PipelineRun run;
    private final String step;
    private final int attempt;
    private final ObjectNode params;
    private final Instant deadline;
    private volatile Optional<String> externalRef;
    private final StepLog log;
    private final Consumer<String> externalRefs;
    private final BooleanSupplier shuttingDown;

    EngineStepContext(PipelineRun run, String step, int attempt, ObjectNode params, Instant deadline,
            Optional<String> externalRef, StepLog log, Consumer<String> externalRefs, BooleanSupplier shuttingDown) {
        this.run = run;
        this.step = step;
        this.attempt = attempt;
        this.params = params;
        this.deadline = deadline;
        this.externalRef = externalRef;
        this.log = log;
        this.externalRefs = externalRefs;
        this.shuttingDown = shuttingDown;
    }

    @Override
    public String runId() {
        return run.id();
    }

    @Override
    public String pipelineName() {
        return run.pipelineName();
    }

    @Override
    public String stepName() {
        return step;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public ObjectNode params() {
        return params.deepCopy();
    }

    @Override
    public Map<String, String> runParameters() {
        return run.params();
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public Optional<String> externalRef() {
        return externalRef;
    }

    @Override
    public void recordExternalRef(String ref) {
        externalRefs.accept(ref);
        externalRef = Optional.of(ref);
    }

    @Override
    public void log(String line) {
        log.append(line);
    }

    @Override
    public boolean shuttingDown() {
        return shuttingDown.getAsBoolean();
    }
}
