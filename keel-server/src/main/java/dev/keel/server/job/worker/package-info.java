/**
 * {@code keel worker}: the process that runs one training job attempt. It talks to the API over HTTP only —
 * fetches its assignment, reads the dataset split through the records endpoint, streams metrics in batches to the
 * tracking API, uploads checkpoints and the model as run artifacts, and reports progress and its outcome — so it
 * runs the same as a local child process, a Slurm job or a Kubernetes pod.
 */
package dev.keel.server.job.worker;
