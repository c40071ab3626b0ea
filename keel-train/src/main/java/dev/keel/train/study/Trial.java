package dev.keel.train.study;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One trial of a study: its index (0-based, in suggestion order), parameters, the job running it, its state and,
 * once known, its objective value (the final value of the objective metric; null when it has none).
 */
public record Trial(int index, Map<String, JsonNode> params, String jobId, TrialState state, Double objective) {
    public Trial {
        requireNonNull(params, "params is null");
        requireNonNull(state, "state is null");
        params = SearchSpace.params(params);
    }
}
