/**
 * The REST side of training jobs and studies ({@code /api/v1/jobs}, {@code /api/v1/studies}) and the composition
 * of the job machinery in a server ({@link dev.keel.server.job.JobSystem}): the queue, the local-process executor,
 * job-scoped tokens and dataset pinning. The worker process itself lives in {@code dev.keel.server.job.worker}.
 */
package dev.keel.server.job;
