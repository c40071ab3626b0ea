package dev.keel.client.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A pipeline run; {@code state} is running, succeeded, failed or cancelled. {@code steps} is null in lists and set
 * when one run is fetched.
 */
public record PipelineRun(String id, String pipeline, int pipelineVersion, String state, String reason,
        Map<String, String> params, Map<String, String> trigger, String createdBy, Instant createdAt, Instant endedAt,
        Long durationMs, List<Step> steps) {
    /** A step run; {@code state} is pending, running, succeeded, failed, skipped or cancelled. */
    public record Step(String name, String type, String state, String reason, int attempt, int maxAttempts,
            Instant startedAt, Instant endedAt, Long durationMs, JsonNode params, Map<String, String> outputs,
            String externalRef, String log) {}

    public boolean ended() {
        return !"running".equals(state);
    }

    public Step step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("step: " + name + " (expected: one of the run's steps)"));
    }
}
