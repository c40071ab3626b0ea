package dev.keel.train.spec;

import static java.util.Objects.requireNonNull;

/**
 * The optimisation part of a spec. {@code gradientClipping}: maximum global L2 norm of the gradients, 0 = off.
 * {@code divergenceThreshold}: a loss above it (or NaN/inf) fails the run. {@code earlyStopping} may be null.
 */
public record TrainingOptions(String loss, OptimizerSpec optimizer, ScheduleSpec schedule, int batchSize, int epochs,
                              EarlyStoppingSpec earlyStopping, double gradientClipping, long seed,
                              CheckpointSpec checkpoint, double divergenceThreshold) {
    public static final String SOFTMAX_CROSS_ENTROPY = "softmax-cross-entropy";

    public TrainingOptions {
        requireNonNull(loss, "loss is null");
        requireNonNull(optimizer, "optimizer is null");
        requireNonNull(schedule, "schedule is null");
        requireNonNull(checkpoint, "checkpoint is null");
    }
}
