package dev.keel.client.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A hyperparameter study with its best trial (null until one succeeded) and, from {@code show}, every trial. */
public record Study(String id, String name, String state, String reason, String objectiveMetric, String direction,
        String algorithm, int maxTrials, int parallelism, String createdBy, Instant createdAt, Instant endedAt,
        Trial best, List<Trial> trials) {
    public record Trial(int index, String state, Map<String, JsonNode> params, Double objective, String jobId) {}
}
