package dev.keel.workflow.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.workflow.spec.PipelineSpec;
import dev.keel.workflow.spec.PipelineSpecParser;
import dev.keel.workflow.spec.StepSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives every running pipeline run, on every server that shares the store. Each tick it renews the leases of the
 * steps this server runs (and stops those it lost or that timed out), claims PENDING steps whose upstream steps
 * succeeded (a conditional UPDATE, so one server wins), takes over RUNNING steps whose owner's lease expired (a
 * crashed server), skips steps behind a failure, and ends runs whose steps all ended. Steps run on
 * {@code stepThreads}, never on the tick thread. State lives only in the store, so a restarted server carries on
 * where the last one stopped and a step that SUCCEEDED never runs again.
 */
public final class WorkflowEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkflowEngine.class);

    private final RunRepository runs;
    private final PipelineSpecParser parser;
    private final Map<String, StepType> types;
    private final EngineSettings settings;
    private final Clock clock;
    private final ExecutorService stepThreads;
    private final String owner;
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    private final Map<String, PipelineSpec> specs = new ConcurrentHashMap<>();
    private ScheduledFuture<?> ticking;
    private ScheduledExecutorService scheduler;
    private volatile boolean closed;

    /** @param owner this server's name in leases; unique per process (a restarted server is a new owner) */
    public WorkflowEngine(RunRepository runs, List<StepType> types, EngineSettings settings, Clock clock,
            ExecutorService stepThreads, String owner) {
        this.runs = requireNonNull(runs, "runs is null");
        Map<String, StepType> byName = new HashMap<>();
        types.forEach(type -> byName.put(type.name(), type));
        this.types = Map.copyOf(byName);
        this.parser = new PipelineSpecParser(types.stream().map(StepType::signature).toList());
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.stepThreads = requireNonNull(stepThreads, "stepThreads is null");
        this.owner = requireNonNull(owner, "owner is null");
    }

    public PipelineSpecParser parser() {
        return parser;
    }

    public String owner() {
        return owner;
    }

    public synchronized void start(ScheduledExecutorService scheduler) {
        if (ticking == null) {
            this.scheduler = scheduler;
            long every = settings.tick().toMillis();
            ticking = scheduler.scheduleWithFixedDelay(this::tickSafely, 0, every, TimeUnit.MILLISECONDS);
        }
    }

    /** One round; public so tests can drive the engine without a scheduler. */
    public synchronized void tick() {
        Instant now = clock.instant();
        heartbeat(now);
        List<PipelineRun> running = runs.running();
        // Runs another server ended leave this cache too.
        specs.keySet().retainAll(running.stream().map(PipelineRun::id).collect(java.util.stream.Collectors.toSet()));
        for (PipelineRun run : running) {
            try {
                advance(run, now);
            } catch (RuntimeException e) {
                log.warn("pipeline run {}: round failed: {}", run.id(), e.toString(), e);
            }
        }
    }

    /** Runs a round now rather than at the next tick (a run was just started); no-op before {@link #start}. */
    void tickSoon() {
        ScheduledExecutorService current = scheduler;
        if (current != null && !closed) {
            try {
                current.execute(this::tickSafely);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down: the next server picks the run up
            }
        }
    }

    /** Interrupts this server's attempts of {@code runId} at once (the run was cancelled). */
    void interrupt(String runId) {
        inFlight.forEach((key, flight) -> {
            Future<?> future = flight.future;
            if (flight.runId.equals(runId) && future != null) {
                flight.ended.set(true);
                future.cancel(true);
            }
        });
    }

    private void heartbeat(Instant now) {
        Duration renewEvery = settings.lease().dividedBy(3);
        for (InFlight flight : inFlight.values()) {
            Future<?> future = flight.future;
            if (future == null || future.isDone() || flight.ended.get()) {
                continue;
            }
            if (now.isAfter(flight.deadline)) {
                // Recorded here, not by the step's thread: a step that ignores the interrupt must not hold the run.
                end(flight, Outcome.failure("timed out after " + flight.spec.timeout(), false));
                future.cancel(true);
            } else if (!now.isBefore(flight.lastRenewal.plus(renewEvery))) {
                boolean held = runs.renew(flight.runId, flight.spec.name(), owner, flight.attempt,
                        now.plus(settings.lease()), flight.log.text(), now);
                flight.lastRenewal = now;
                if (!held) {
                    log.info("step {}/{}: no longer ours (cancelled or taken over); stopping it", flight.runId,
                            flight.spec.name());
                    flight.ended.set(true);
                    future.cancel(true);
                }
            }
        }
    }

    private void advance(PipelineRun run, Instant now) {
        PipelineSpec spec = specs.computeIfAbsent(run.id(), id -> parser.parse(run.specText()));
        List<StepRun> steps = runs.steps(run.id());
        Map<String, StepRun> byName = new HashMap<>();
        Map<String, Map<String, String>> outputs = new HashMap<>();
        steps.forEach(step -> {
            byName.put(step.stepName(), step);
            if (step.state() == StepState.SUCCEEDED) {
                outputs.put(step.stepName(), step.outputs());
            }
        });
        boolean changed = false;
        for (StepRun step : steps) {
            StepSpec stepSpec = spec.step(step.stepName()).orElseThrow();
            if (step.state() == StepState.PENDING) {
                changed |= pending(run, stepSpec, step, byName, outputs, now);
            } else if (step.state() == StepState.RUNNING && !inFlight.containsKey(key(run.id(), step.stepName()))
                    && step.leaseUntil() != null && step.leaseUntil().isBefore(now)) {
                changed |= lost(run, stepSpec, step, outputs, now);
            }
        }
        if (changed) {
            steps = runs.steps(run.id());
        }
        if (steps.stream().allMatch(step -> step.state().isTerminal())) {
            Optional<StepRun> failed = steps.stream().filter(s -> s.state() == StepState.FAILED).findFirst();
            boolean ended = failed.isPresent()
                    ? runs.finish(run.id(), RunState.FAILED, "step " + failed.get().stepName() + " failed: "
                            + failed.get().reason(), now)
                    : runs.finish(run.id(), RunState.SUCCEEDED, "all " + steps.size() + " steps succeeded", now);
            if (ended) {
                log.info("pipeline run {} ({}): {}", run.id(), run.pipelineName(), failed.isPresent() ? "failed"
                        : "succeeded");
            }
            specs.remove(run.id());
        }
    }

    private boolean pending(PipelineRun run, StepSpec spec, StepRun step, Map<String, StepRun> byName,
            Map<String, Map<String, String>> outputs, Instant now) {
        for (String need : spec.needs()) {
            StepState upstream = byName.get(need).state();
            if (upstream == StepState.FAILED || upstream == StepState.SKIPPED || upstream == StepState.CANCELLED) {
                return runs.skip(step, "skipped: upstream step " + need + " " + upstream.wireName(), now);
            }
            if (upstream != StepState.SUCCEEDED) {
                return false;
            }
        }
        if (step.notBefore() != null && step.notBefore().isAfter(now)) {
            return false;
        }
        if (!runs.claim(step, owner, now.plus(settings.lease()), now)) {
            return false; // another server claimed it first
        }
        launch(run, spec, step, step.attempt() + 1, outputs, now);
        return true;
    }

    /** A RUNNING step whose owner stopped renewing its lease: re-attach, retry, or fail it. */
    private boolean lost(PipelineRun run, StepSpec spec, StepRun step, Map<String, Map<String, String>> outputs,
            Instant now) {
        boolean reattach = step.externalRef() != null;
        if (!reattach && step.attempt() >= step.maxAttempts()) {
            return runs.failLost(step, "its server was lost during attempt " + step.attempt() + " of "
                    + step.maxAttempts() + "; no attempts left", now);
        }
        if (!runs.takeOver(step, owner, now.plus(settings.lease()), !reattach, now)) {
            return false;
        }
        log.info("step {}/{}: taken over from lost server {} ({})", run.id(), step.stepName(), step.owner(),
                reattach ? "re-attaching to " + step.externalRef() : "new attempt");
        launch(run, spec, step, reattach ? step.attempt() : step.attempt() + 1, outputs, now);
        return true;
    }

    private void launch(PipelineRun run, StepSpec spec, StepRun step, int attempt,
            Map<String, Map<String, String>> outputs, Instant now) {
        StepLog stepLog = new StepLog(step.log(), clock);
        stepLog.append("attempt " + attempt + " of " + step.maxAttempts() + " on " + owner);
        ParamResolver resolver = new ParamResolver(run, outputs);
        ObjectNode params = resolver.resolve(spec.params());
        if (!resolver.unresolved().isEmpty()) {
            String reason = "unresolved references " + resolver.unresolved();
            stepLog.append(reason);
            runs.endAttempt(run.id(), step.stepName(), owner, attempt, StepState.FAILED, reason, null, stepLog.text(),
                    null, now);
            return;
        }
        runs.recordStart(run.id(), step.stepName(), owner, attempt, params.toString(), now);
        InFlight flight = new InFlight(run.id(), spec, attempt, now.plus(spec.timeout()), stepLog, now);
        EngineStepContext context = new EngineStepContext(run, step.stepName(), attempt, params, flight.deadline,
                Optional.ofNullable(step.externalRef()), stepLog,
                ref -> runs.recordExternalRef(run.id(), step.stepName(), owner, attempt, ref, clock.instant()),
                () -> closed);
        StepType type = types.get(spec.type());
        // In the map before it can finish, so its own removal always finds it.
        inFlight.put(key(run.id(), step.stepName()), flight);
        flight.future = stepThreads.submit(() -> execute(type, context, flight));
    }

    private void execute(StepType type, StepContext context, InFlight flight) {
        Outcome outcome;
        try {
            outcome = Outcome.success(type.executor().execute(context).outputs());
        } catch (Throwable e) {
            outcome = Outcome.failure(describe(e), e instanceof StepFailure failure && failure.isPermanent());
        }
        Thread.interrupted(); // the store calls below must not see a stale interrupt
        try {
            if (!flight.abandoned) {
                end(flight, outcome);
            }
        } finally {
            inFlight.remove(key(flight.runId, flight.spec.name()), flight);
        }
    }

    /** Records an attempt's outcome once (the step's thread and a timeout may race): success, retry or failure. */
    private void end(InFlight flight, Outcome outcome) {
        if (!flight.ended.compareAndSet(false, true)) {
            return;
        }
        StepSpec spec = flight.spec;
        StepState state = outcome.outputs != null ? StepState.SUCCEEDED : StepState.FAILED;
        String reason = outcome.outputs != null ? "succeeded" : outcome.reason;
        Instant notBefore = null;
        if (state == StepState.FAILED && !outcome.permanent && flight.attempt < spec.maxAttempts()) {
            Duration wait = spec.backoffBefore(flight.attempt + 1);
            state = StepState.PENDING;
            notBefore = clock.instant().plus(wait);
            reason = "attempt " + flight.attempt + " failed: " + outcome.reason + "; retrying in " + wait;
        }
        flight.log.append(reason);
        try {
            if (!runs.endAttempt(flight.runId, spec.name(), owner, flight.attempt, state, reason, outcome.outputs,
                    flight.log.text(), notBefore, clock.instant())) {
                log.info("step {}/{}: attempt {} ended after the step left this server; outcome dropped",
                        flight.runId, spec.name(), flight.attempt);
            }
        } catch (RuntimeException e) {
            log.warn("step {}/{}: could not record its outcome: {}", flight.runId, spec.name(), e.toString(), e);
        }
    }

    private record Outcome(Map<String, String> outputs, String reason, boolean permanent) {
        static Outcome success(Map<String, String> outputs) {
            return new Outcome(outputs, null, false);
        }

        static Outcome failure(String reason, boolean permanent) {
            return new Outcome(null, reason, permanent);
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof InterruptedException) {
            return "interrupted (cancelled or its server lost the step)";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String key(String runId, String step) {
        return runId + "/" + step;
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("workflow engine round failed: {}", e.toString(), e);
        }
    }

    /**
     * Stops ticking and interrupts this server's attempts without recording an outcome for them: they stay
     * RUNNING, and once the lease runs out another server (or this one restarted) takes them over.
     */
    @Override
    public synchronized void close() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
        closed = true;
        inFlight.values().forEach(flight -> {
            flight.abandoned = true;
            Future<?> future = flight.future;
            if (future != null) {
                future.cancel(true);
            }
        });
    }

    /** One attempt this server runs. */
    private static final class InFlight {
        final String runId;
        final StepSpec spec;
        final int attempt;
        final Instant deadline;
        final StepLog log;
        final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        volatile Future<?> future;
        volatile Instant lastRenewal;
        volatile boolean abandoned;

        InFlight(String runId, StepSpec spec, int attempt, Instant deadline, StepLog log, Instant now) {
            this.runId = runId;
            this.spec = spec;
            this.attempt = attempt;
            this.deadline = deadline;
            this.log = log;
            this.lastRenewal = now;
        }
    }
}
