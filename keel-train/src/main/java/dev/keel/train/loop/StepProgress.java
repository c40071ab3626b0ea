package dev.keel.train.loop;

/** One optimisation step: its 1-based global number, the epoch (1-based), loss, learning rate and throughput. */
public record StepProgress(long step, int epoch, double loss, double learningRate, double samplesPerSecond) {}
