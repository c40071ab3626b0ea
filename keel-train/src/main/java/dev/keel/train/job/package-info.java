/**
 * Training jobs: a durable queue of training specs ({@link dev.keel.train.job.JobService}, stored by
 * {@link dev.keel.train.job.JobRepository}) run out of process by an {@link dev.keel.train.job.Executor}.
 * The executor only starts, watches, stops and reads the logs of worker processes; the worker itself talks to
 * the API over HTTP, so local processes, Slurm or Kubernetes run the same worker unchanged.
 * {@link dev.keel.train.job.LocalProcessExecutor} runs each job as a child JVM of the same classpath.
 */
package dev.keel.train.job;
