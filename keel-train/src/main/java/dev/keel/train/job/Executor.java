package dev.keel.train.job;

import java.util.Optional;

/**
 * Runs job workers somewhere: local child processes now, Slurm or Kubernetes later. An executor only starts,
 * watches, stops and reads the output of workers; everything a worker does (training, tracking, checkpoints)
 * goes through the API, so a new executor needs no change in the trainer or the job service.
 *
 * <p>A worker handle is the executor's own string (a pid and start time, a Slurm job id, a pod name); it is stored
 * with the job so {@link #reattach} can find the worker again after the server restarts.
 */
public interface Executor extends AutoCloseable {
    /** The name stored with each job ({@code local}, {@code slurm}, …). */
    String name();

    /** Starts the worker of {@code launch}; returns its handle. Throws when it cannot be started at all. */
    String submit(WorkerLaunch launch);

    WorkerStatus status(String handle);

    /** Stops the worker and everything it started; returns once it is gone (or after a bounded wait). */
    void cancel(String handle);

    /** Reads the job's worker output (every attempt, appended) from byte {@code offset}, at most {@code maxBytes}. */
    LogChunk logs(String jobId, long offset, int maxBytes);

    /**
     * Finds a worker started by an earlier server process. Empty when it no longer runs (or the handle names a
     * different process now, such as a reused pid).
     */
    Optional<String> reattach(String handle);

    /** Releases the executor's own resources; running workers are left alone. */
    @Override
    default void close() {}
}
