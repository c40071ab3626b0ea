package dev.keel.server.job;

import dev.keel.train.job.Job;
import dev.keel.train.job.JobProgress;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of jobs on the wire. NaN never goes out: a missing loss or throughput is null. */
final class JobViews {
    private JobViews() {}

    record ProgressView(long step, long totalSteps, int epoch, Double loss, Double samplesPerSecond) {
        static ProgressView of(JobProgress progress) {
            return new ProgressView(progress.step(), progress.totalSteps(), progress.epoch(), finite(progress.loss()),
                    finite(progress.samplesPerSecond()));
        }
    }

    record JobView(String id, String state, String reason, String dataset, String experiment, String runId,
            String studyId, String specHash, int attempt, boolean resumed, String submittedBy, String executor,
            String worker, ProgressView progress, Integer exitCode, Instant createdAt, Instant startedAt,
            Instant endedAt, Instant updatedAt) {
        static JobView of(Job job) {
            return new JobView(job.id(), job.state().wireName(), job.reason(), job.datasetName() + "@"
                    + job.datasetVersion(), job.experiment(), job.runId(), job.studyId(), job.specHash(), job.attempt(),
                    job.resume(), job.submittedBy(), job.executor(), job.workerHandle(), ProgressView.of(job.progress()),
                    job.exitCode(), job.createdAt(), job.startedAt(), job.endedAt(), job.updatedAt());
        }
    }

    record JobList(List<JobView> jobs) {}

    record LogView(long offset, long nextOffset, String text, String state) {}

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
