package dev.keel.train.job;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * What an executor needs to start the worker of one job attempt: the API's URL, the job-scoped token the worker
 * authenticates with, and the job id. The worker fetches everything else (spec, dataset, checkpoint) itself.
 */
public record WorkerLaunch(String jobId, int attempt, URI apiUrl, String token) {
    public WorkerLaunch {
        requireNonNull(jobId, "jobId is null");
        requireNonNull(apiUrl, "apiUrl is null");
        requireNonNull(token, "token is null");
    }

    @Override
    public String toString() {
        // Never print the token.
        return "WorkerLaunch[jobId=" + jobId + ", attempt=" + attempt + ", apiUrl=" + apiUrl + "]";
    }
}
