package dev.keel.server.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.workflow.engine.PipelineRun;
import dev.keel.workflow.engine.PipelineService;
import dev.keel.workflow.engine.StepRun;
import dev.keel.workflow.spec.PipelineSpec;
import dev.keel.workflow.spec.TriggerSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of {@code /api/v1/pipelines…}. */
final class PipelineViews {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineViews() {}

    record PipelineView(String name, int version, String description, Map<String, String> parameters,
            List<String> triggers, List<StepSummary> steps, String spec, String createdBy, Instant createdAt,
            Instant updatedAt) {
        static PipelineView of(PipelineService.AppliedPipeline applied) {
            PipelineSpec spec = applied.spec();
            return new PipelineView(spec.name(), applied.pipeline().version(), spec.description(),
                    new java.util.LinkedHashMap<>(spec.parameters()),
                    spec.triggers().stream().map(PipelineViews::describe).toList(),
                    spec.steps().stream().map(s -> new StepSummary(s.name(), s.type(), s.needs(), s.retries(),
                            s.timeout().toString())).toList(),
                    applied.pipeline().specText(), applied.pipeline().createdBy(), applied.pipeline().createdAt(),
                    applied.pipeline().updatedAt());
        }
    }

    record StepSummary(String name, String type, List<String> needs, int retries, String timeout) {}

    record PipelineList(List<PipelineView> pipelines) {}

    record RunView(String id, String pipeline, int pipelineVersion, String state, String reason,
            Map<String, String> params, Map<String, String> trigger, String createdBy, Instant createdAt,
            Instant endedAt, Long durationMs, List<StepView> steps) {
        static RunView of(PipelineRun run, List<StepRun> steps) {
            return new RunView(run.id(), run.pipelineName(), run.pipelineVersion(), run.state().wireName(),
                    run.reason(), run.params(), run.trigger(), run.createdBy(), run.createdAt(), run.endedAt(),
                    millis(run.createdAt(), run.endedAt()),
                    steps == null ? null : steps.stream().map(StepView::of).toList());
        }

        static RunView of(PipelineService.RunDetail detail) {
            return of(detail.run(), detail.steps());
        }
    }

    record StepView(String name, String type, String state, String reason, int attempt, int maxAttempts,
            Instant startedAt, Instant endedAt, Long durationMs, JsonNode params, Map<String, String> outputs,
            String externalRef, String log) {
        static StepView of(StepRun step) {
            return new StepView(step.stepName(), step.stepType(), step.state().wireName(), step.reason(),
                    step.attempt(), step.maxAttempts(), step.startedAt(), step.endedAt(),
                    millis(step.startedAt(), step.endedAt()), paramsJson(step.params()), step.outputs(),
                    step.externalRef(), step.log());
        }
    }

    record RunList(List<RunView> runs) {}

    private static Long millis(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toMillis();
    }

    private static JsonNode paramsJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static String describe(TriggerSpec trigger) {
        return switch (trigger) {
            case TriggerSpec.DatasetVersion dataset -> "new version of dataset " + dataset.dataset();
            case TriggerSpec.Cron cron -> "cron " + cron.schedule().expression();
        };
    }
}
