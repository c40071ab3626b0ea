package dev.keel.workflow.engine;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * One run of a pipeline: the spec as it was at the start, the parameters it runs with (defaults merged with
 * what was given) and what triggered it ({@code kind}, and e.g. {@code dataset}, {@code dataset_version}).
 */
public record PipelineRun(String id, String pipelineId, String pipelineName, int pipelineVersion, String specText,
        RunState state, String reason, Map<String, String> params, Map<String, String> trigger, String createdBy,
        Instant createdAt, Instant endedAt, Instant updatedAt) {
    public PipelineRun {
        requireNonNull(id, "id is null");
        requireNonNull(pipelineId, "pipelineId is null");
        requireNonNull(pipelineName, "pipelineName is null");
        requireNonNull(specText, "specText is null");
        requireNonNull(state, "state is null");
        requireNonNull(reason, "reason is null");
        params = Map.copyOf(params);
        trigger = Map.copyOf(trigger);
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }
}
