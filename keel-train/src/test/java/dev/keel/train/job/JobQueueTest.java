package dev.keel.train.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.KeelException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue with a fake executor: concurrency limit, exits, cancels, resume, reports, bad specs. */
class JobQueueTest {
    private static final String SPEC = """
            name: points
            data: {dataset: "points@1", splits: {validation: validation}, input: [x, y], label: label}
            preprocessing: {labels: {classes: [east, west]}}
            model: {architecture: mlp, layers: [{units: 8}]}
            training: {epochs: 1, batchSize: 32}
            """;

    @TempDir
    Path dir;

    private JobFixture fixture;
    private final FakeExecutor executor = new FakeExecutor();
    private JobService service;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() {
        fixture = new JobFixture("sqlite", dir);
        service = fixture.service(executor, 1);
        service.start(URI.create("http://127.0.0.1:1"), scheduler);
        service.close(); // no background rounds: the test calls tick() itself
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        fixture.close();
    }

    @Test
    void runsNoMoreThanMaxConcurrentJobsAndStartsTheNextWhenOneEnds() {
        Job first = service.submit(JobSubmission.of(SPEC, "alice"));
        Job second = service.submit(JobSubmission.of(SPEC, "alice"));

        assertThat(service.get(first.id()).state()).isEqualTo(JobState.RUNNING);
        assertThat(service.get(second.id()).state()).isEqualTo(JobState.QUEUED);

        executor.exit(service.get(first.id()).workerHandle(), 1);
        service.tick();

        assertThat(service.get(first.id()).state()).isEqualTo(JobState.FAILED);
        assertThat(service.get(first.id()).reason()).isEqualTo("worker exited with code 1");
        assertThat(service.get(second.id()).state()).isEqualTo(JobState.RUNNING);
        assertThat(executor.launched).extracting(WorkerLaunch::jobId).containsExactly(first.id(), second.id());
    }

    @Test
    void successfulReportEndsTheJobAndRevokesItsToken() {
        Job job = service.submit(JobSubmission.of(SPEC, "alice"));
        String token = service.get(job.id()).tokenId();

        service.report(job.id(), token, false, new WorkerReport(JobState.SUCCEEDED, "trained 1 epoch(s)", null));
        executor.exit(service.get(job.id()).workerHandle(), 0);
        service.tick();

        Job ended = service.get(job.id());
        assertThat(ended.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(ended.reason()).isEqualTo("trained 1 epoch(s)");
        assertThat(fixture.credentials.revoked).containsExactly(token);
        assertThat(fixture.tracking.getRunInfo(ended.runId()).status().name()).isEqualTo("FINISHED");
    }

    @Test
    void reportsFromAnotherTokenAreRefused() {
        Job job = service.submit(JobSubmission.of(SPEC, "alice"));

        assertThatThrownBy(() -> service.report(job.id(), "someone-else", false,
                new WorkerReport(JobState.SUCCEEDED, "done", null))).isInstanceOf(KeelException.class)
                .hasMessageContaining("does not belong");
    }

    @Test
    void cancelStopsTheWorkerAndResumeQueuesTheNextAttempt() {
        Job job = service.submit(JobSubmission.of(SPEC, "alice"));
        String handle = service.get(job.id()).workerHandle();

        Job cancelled = service.cancel(job.id(), "bob", null);
        service.tick();

        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.reason()).isEqualTo("cancelled by bob");
        assertThat(executor.cancelled).containsExactly(handle);
        assertThat(service.get(job.id()).state()).as("the exit after a cancel changes nothing")
                .isEqualTo(JobState.CANCELLED);

        service.resume(job.id(), "bob");

        Job resumed = service.get(job.id());
        assertThat(resumed.state()).isEqualTo(JobState.RUNNING);
        assertThat(resumed.attempt()).isEqualTo(2);
        assertThat(executor.launched).extracting(WorkerLaunch::attempt).containsExactly(1, 2);
        assertThatThrownBy(() -> service.resume(job.id(), "bob")).hasMessageContaining("expected: failed or cancelled");
    }

    @Test
    void invalidSpecIsRejectedWithEveryProblemAndNothingIsQueued() {
        String bad = SPEC.replace("units: 8", "units: -4").replace("batchSize: 32", "batchSize: 0");

        assertThatThrownBy(() -> service.submit(JobSubmission.of(bad, "alice"))).isInstanceOf(KeelException.class)
                .satisfies(e -> assertThat(((KeelException) e).details()).hasSizeGreaterThanOrEqualTo(2));
        assertThat(service.list(java.util.Optional.empty(), java.util.Optional.empty(), 10, 0)).isEmpty();
        assertThat(executor.launched).isEqualTo(List.of());
    }
}
