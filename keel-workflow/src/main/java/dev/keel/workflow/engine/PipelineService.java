package dev.keel.workflow.engine;

import static java.util.Objects.requireNonNull;

import dev.keel.core.config.Suggestions;
import dev.keel.core.error.KeelException;
import dev.keel.core.error.Problems;
import dev.keel.workflow.spec.PipelineSpec;
import dev.keel.workflow.spec.StepSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the API and the triggers call: apply a pipeline (validated first, every problem at once), list and show
 * pipelines, start runs (manual or triggered), list runs, show a run with its steps, cancel a run.
 */
public final class PipelineService {
    private final PipelineRepository pipelines;
    private final RunRepository runs;
    private final WorkflowEngine engine;
    private final Clock clock;
    private final Supplier<String> ids;

    public PipelineService(PipelineRepository pipelines, RunRepository runs, WorkflowEngine engine, Clock clock,
            Supplier<String> ids) {
        this.pipelines = requireNonNull(pipelines, "pipelines is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = requireNonNull(ids, "ids is null");
    }

    /** A pipeline with its parsed spec. */
    public record AppliedPipeline(Pipeline pipeline, PipelineSpec spec) {}

    /** A run with its steps, in the order the spec lists them. */
    public record RunDetail(PipelineRun run, List<StepRun> steps) {}

    /** Validates {@code specText} (400 listing every problem) and creates or updates the pipeline it names. */
    public AppliedPipeline apply(String specText, String by) {
        PipelineSpec spec = engine.parser().parse(specText);
        Pipeline pipeline = pipelines.apply(spec.name(), specText, by, clock.instant(), ids);
        return new AppliedPipeline(pipeline, spec);
    }

    /** Validates {@code specText} without storing it. */
    public PipelineSpec parse(String specText) {
        return engine.parser().parse(specText);
    }

    public AppliedPipeline get(String name) {
        Pipeline pipeline = pipelines.get(name);
        return new AppliedPipeline(pipeline, engine.parser().parse(pipeline.specText()));
    }

    public List<AppliedPipeline> list() {
        return pipelines.list().stream()
                .map(p -> new AppliedPipeline(p, engine.parser().parse(p.specText()))).toList();
    }

    /** Starts a manual run; {@code params} override the declared defaults, and every declared one needs a value. */
    public PipelineRun run(String name, Map<String, String> params, String by) {
        AppliedPipeline applied = get(name);
        Map<String, String> values = parameters(applied.spec(), params);
        PipelineRun run = newRun(applied, values, Map.of("kind", "manual"), by);
        runs.insert(run, null, newSteps(applied.spec()), Optional.empty());
        engine.tickSoon();
        return runs.get(run.id());
    }

    /**
     * Starts a run for a trigger that moved from {@code expected} to {@code value}, unless another server did first
     * (then empty). {@code facts} become {@code ${trigger.*}}; the declared defaults are the parameters.
     */
    public Optional<PipelineRun> runTriggered(Pipeline pipeline, String triggerKey, String expected, String value,
            Map<String, String> facts) {
        PipelineSpec spec = engine.parser().parse(pipeline.specText());
        Map<String, String> values = new LinkedHashMap<>();
        spec.parameters().forEach((k, v) -> {
            if (v != null) {
                values.put(k, v);
            } else if (facts.containsKey(k)) {
                values.put(k, facts.get(k));
            }
        });
        PipelineRun run = newRun(new AppliedPipeline(pipeline, spec), values, facts, "trigger " + triggerKey);
        boolean started = runs.insert(run, triggerKey + "@" + value, newSteps(spec),
                Optional.of(new RunRepository.TriggerAdvance(pipeline.id(), triggerKey, expected, value)));
        if (started) {
            engine.tickSoon();
        }
        return started ? Optional.of(runs.get(run.id())) : Optional.empty();
    }

    public List<PipelineRun> runs(Optional<String> pipelineName, int limit) {
        pipelineName.ifPresent(pipelines::get);
        return runs.list(pipelineName, limit);
    }

    public RunDetail run(String runId) {
        return new RunDetail(runs.get(runId), runs.steps(runId));
    }

    /** Cancels a running run: steps not yet ended are CANCELLED and their attempts interrupted. */
    public RunDetail cancel(String runId, String by) {
        PipelineRun run = runs.get(runId);
        if (run.state().isTerminal()) {
            throw KeelException.invalid("pipeline run " + runId + ": " + run.state().wireName()
                    + " (expected: running to cancel)");
        }
        runs.cancel(runId, "cancelled by " + by, clock.instant());
        engine.interrupt(runId);
        return run(runId);
    }

    private PipelineRun newRun(AppliedPipeline applied, Map<String, String> params, Map<String, String> trigger,
            String by) {
        Instant now = clock.instant();
        Map<String, String> facts = new LinkedHashMap<>(trigger);
        facts.putIfAbsent("time", now.toString());
        return new PipelineRun(ids.get(), applied.pipeline().id(), applied.pipeline().name(),
                applied.pipeline().version(), applied.pipeline().specText(), RunState.RUNNING, "running", params, facts,
                by, now, null, now);
    }

    private static List<RunRepository.NewStep> newSteps(PipelineSpec spec) {
        return spec.steps().stream()
                .map((StepSpec step) -> new RunRepository.NewStep(step.name(), step.type(), step.maxAttempts()))
                .toList();
    }

    private static Map<String, String> parameters(PipelineSpec spec, Map<String, String> given) {
        Problems problems = new Problems();
        given.keySet().forEach(key -> {
            if (!spec.parameters().containsKey(key)) {
                problems.add("params." + key, "unknown parameter", "one of " + spec.parameters().keySet()
                        + Suggestions.closest(key, spec.parameters().keySet()).map(s -> "; did you mean " + s + "?")
                                .orElse(""));
            }
        });
        Map<String, String> values = new LinkedHashMap<>();
        spec.parameters().forEach((key, fallback) -> {
            String value = given.getOrDefault(key, fallback);
            if (value == null) {
                problems.add("params." + key, "missing", "a value (the parameter has no default)");
            } else {
                values.put(key, value);
            }
        });
        problems.throwIfAny("run parameters");
        return values;
    }
}
