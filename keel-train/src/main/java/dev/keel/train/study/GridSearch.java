package dev.keel.train.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every combination, in order: the last parameter (in path order) varies fastest. Real ranges contribute
 * {@code pointsPerRange} evenly spaced values (log-spaced for log-uniform ones).
 */
public final class GridSearch implements SearchAlgorithm {
    private final int pointsPerRange;

    public GridSearch(int pointsPerRange) {
        if (pointsPerRange < 1) {
            throw new IllegalArgumentException("pointsPerRange: " + pointsPerRange + " (expected: >= 1)");
        }
        this.pointsPerRange = pointsPerRange;
    }

    /** The number of combinations of {@code space}. */
    public long size(SearchSpace space) {
        long size = 1;
        for (SearchDimension dimension : space.dimensions().values()) {
            size = Math.multiplyExact(size, dimension.grid(pointsPerRange).size());
        }
        return size;
    }

    @Override
    public Optional<Map<String, JsonNode>> suggest(SearchSpace space, List<Trial> trials, Objective objective) {
        long index = trials.size();
        if (index >= size(space)) {
            return Optional.empty();
        }
        List<String> paths = new ArrayList<>(space.dimensions().keySet());
        Map<String, JsonNode> params = new LinkedHashMap<>();
        long rest = index;
        for (int i = paths.size() - 1; i >= 0; i--) {
            List<JsonNode> values = space.dimensions().get(paths.get(i)).grid(pointsPerRange);
            params.put(paths.get(i), values.get((int) (rest % values.size())));
            rest /= values.size();
        }
        return Optional.of(SearchSpace.params(params));
    }
}
