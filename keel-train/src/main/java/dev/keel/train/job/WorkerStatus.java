package dev.keel.train.job;

import java.util.OptionalInt;

/**
 * What an executor knows of a worker: still running, exited (with its exit code when the executor can know it),
 * or lost (the executor has no trace of it).
 */
public sealed interface WorkerStatus {
    record Running() implements WorkerStatus {}

    /** {@code exitCode} is empty when the worker was not this process's child (re-attached after a restart). */
    record Exited(OptionalInt exitCode) implements WorkerStatus {}

    record Lost(String why) implements WorkerStatus {}

    WorkerStatus RUNNING = new Running();
}
