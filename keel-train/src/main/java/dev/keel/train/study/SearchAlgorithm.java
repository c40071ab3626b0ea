package dev.keel.train.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Suggests the next trial's parameters given every trial so far (finished ones with their objective values, so
 * model-based searches such as TPE can learn from them). Empty when the algorithm has nothing left to try (a
 * finished grid). Must be deterministic for the same inputs, so a study continued after a restart suggests the
 * same trials.
 */
public interface SearchAlgorithm {
    Optional<Map<String, JsonNode>> suggest(SearchSpace space, List<Trial> trials, Objective objective);
}
