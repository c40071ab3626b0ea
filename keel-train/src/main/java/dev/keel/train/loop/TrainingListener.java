package dev.keel.train.loop;

import java.nio.file.Path;

/**
 * Progress of a run, called on the training thread in order. Tracking stores these; a worker streams them.
 * Implementations must be quick (onStep runs every step) and must not throw unless they mean to fail the run.
 */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {};

    /** Before the first step; {@code resumedFromStep} is 0 for a fresh run. */
    default void onStart(RunStart start) {}

    default void onStep(StepProgress step) {}

    /** After each epoch's evaluation. */
    default void onEpoch(EpochMetrics epoch) {}

    /** After a checkpoint was durably written to {@code path} (the file is replaced by the next one). */
    default void onCheckpoint(Path path, long step, int epoch) {}

    default void onFinish(TrainingResult result) {}
}
