package dev.keel.train.loop;

/**
 * One optimisation step: its 1-based global number, the epoch (1-based), loss, learning rate, the samples in its batch
 * and its own throughput (the batch over the time since the previous step ended).
 */
public record StepProgress(long step, int epoch, double loss, double learningRate, int samples, double samplesPerSecond) {}
