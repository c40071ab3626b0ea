package dev.keel.train.loop;

import java.util.List;

/**
 * Where a run stands, stored in a checkpoint: the next epoch (1-based) and how many of its batches are done, the
 * global step, the epoch's running training loss, early-stopping state and the metric history so far. The
 * random state is a function of {@code seed} and these counters: shuffling is seeded per epoch and the engine
 * per step, so nothing else needs saving to resume exactly.
 */
public record CheckpointState(String specHash, long seed, int epoch, long batchesInEpoch, long step, double epochLossSum,
                              long epochSamples, double bestMetric, int epochsWithoutImprovement,
                              long optimizerUpdates, List<EpochMetrics> history) {
    public CheckpointState {
        history = List.copyOf(history);
    }
}
