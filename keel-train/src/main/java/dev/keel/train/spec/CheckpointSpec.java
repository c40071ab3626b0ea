package dev.keel.train.spec;

/** Write a checkpoint every {@code everyEpochs} epochs and/or every {@code everySteps} steps (0 = never). */
public record CheckpointSpec(int everyEpochs, long everySteps) {}
