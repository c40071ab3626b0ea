package dev.keel.train.loop;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a successful run. {@code weightsHash}: SHA-256 of the trained parameters as DJL saves them;
 * identical for identical runs. {@code testMetrics} are empty without a test split.
 */
public record TrainingResult(String specHash, int epochs, long steps, boolean stoppedEarly, List<EpochMetrics> history,
                             Map<String, Double> testMetrics, ConfusionMatrix testConfusion, String weightsHash,
                             Path modelBundle) {
    public TrainingResult {
        history = List.copyOf(history);
        testMetrics = Map.copyOf(testMetrics);
    }

    /** The last epoch's metrics, or an empty map when no epoch ran. */
    public Map<String, Double> finalMetrics() {
        return history.isEmpty() ? Map.of() : history.getLast().metrics();
    }
}
