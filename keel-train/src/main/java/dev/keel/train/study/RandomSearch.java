package dev.keel.train.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Independent draws, seeded per trial index ({@code seed} and the index), so trial N's parameters are the same
 * however many trials ran before it or in which order they finished.
 */
public final class RandomSearch implements SearchAlgorithm {
    private final long seed;

    public RandomSearch(long seed) {
        this.seed = seed;
    }

    @Override
    public Optional<Map<String, JsonNode>> suggest(SearchSpace space, List<Trial> trials, Objective objective) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + trials.size());
        Map<String, JsonNode> params = new LinkedHashMap<>();
        space.dimensions().forEach((path, dimension) -> params.put(path, dimension.sample(random)));
        return Optional.of(SearchSpace.params(params));
    }
}
