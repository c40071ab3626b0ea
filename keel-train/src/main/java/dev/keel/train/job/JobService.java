package dev.keel.train.job;

import static java.util.Objects.requireNonNull;

import dev.keel.core.KeelVersion;
import dev.keel.core.error.KeelException;
import dev.keel.store.metadata.Project;
import dev.keel.train.loop.Provenance;
import dev.keel.train.spec.TrainingSpec;
import dev.keel.train.spec.TrainingSpecParser;
import dev.keel.train.tracking.Run;
import dev.keel.train.tracking.RunStatus;
import dev.keel.train.tracking.RunUpdate;
import dev.keel.train.tracking.TrackingService;
import dev.keel.train.tracking.TrainingRuns;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job queue: validates and stores submissions, starts queued jobs on the {@link Executor} while fewer than
 * {@code maxConcurrent} run, takes workers' reports, watches workers' exits, cancels and resumes. Every state
 * lives in the database, so a restarted server carries on ({@link #recover}): it re-attaches to workers that
 * still run and fails the jobs whose worker is gone, so no job stays "running" forever.
 */
public final class JobService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobService.class);
    private static final Duration TICK = Duration.ofMillis(250);

    private final JobRepository jobs;
    private final Executor executor;
    private final JobCredentials credentials;
    private final DatasetResolver datasets;
    private final TrainingSpecParser parser;
    private final TrackingService tracking;
    private final Clock clock;
    private final Supplier<String> ids;
    private final int maxConcurrent;
    private volatile URI apiUrl;
    private ScheduledFuture<?> ticking;

    public JobService(JobRepository jobs, Executor executor, JobCredentials credentials, DatasetResolver datasets,
            TrainingSpecParser parser, TrackingService tracking, Clock clock, Supplier<String> ids, int maxConcurrent) {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.datasets = requireNonNull(datasets, "datasets is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.tracking = requireNonNull(tracking, "tracking is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = requireNonNull(ids, "ids is null");
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent: " + maxConcurrent + " (expected: >= 1)");
        }
        this.maxConcurrent = maxConcurrent;
    }

    /**
     * Recovers jobs left by an earlier server process, then starts queued jobs and watches workers every 250 ms on
     * {@code scheduler}. {@code apiUrl} is where workers reach the API.
     */
    public synchronized void start(URI apiUrl, ScheduledExecutorService scheduler) {
        this.apiUrl = requireNonNull(apiUrl, "apiUrl is null");
        recover();
        ticking = scheduler.scheduleWithFixedDelay(this::tickSafely, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Validates the spec (all problems at once), pins the dataset version, creates the run and queues the job. */
    public Job submit(JobSubmission submission) {
        TrainingSpec spec = parser.parse(submission.specText());
        DatasetResolver.ResolvedDataset dataset = datasets.resolve(Project.DEFAULT_ID, spec.data().dataset());
        String experiment = submission.experiment() == null || submission.experiment().isBlank() ? spec.name()
                : submission.experiment();
        String id = ids.get();
        Run run = new TrainingRuns(tracking).start(spec, new TrainingRuns.DatasetVersionRef(dataset.versionId(),
                dataset.contentHash()), experiment, submission.runName(), submission.submittedBy(), RunStatus.SCHEDULED,
                serverProvenance(spec));
        Map<String, String> tags = submission.studyId() == null ? Map.of(JobArtifacts.JOB_TAG, id)
                : Map.of(JobArtifacts.JOB_TAG, id, JobArtifacts.STUDY_TAG, submission.studyId());
        tracking.logBatch(run.id(), List.of(), Map.of(), tags);
        var now = clock.instant();
        Job job = new Job(id, Project.DEFAULT_ID, JobState.QUEUED, "waiting for a free slot", submission.specText(),
                spec.specHash(), dataset.name(), dataset.version(), experiment, run.id(), submission.studyId(),
                submission.submittedBy(), executor.name(), null, null, 1, false, JobProgress.NONE, null, now, null, null,
                now);
        jobs.insert(job);
        if (apiUrl != null) {
            tickSafely();
        }
        return jobs.get(id);
    }

    public Job get(String id) {
        return jobs.get(id);
    }

    public List<Job> list(Optional<JobState> state, Optional<String> studyId, int limit, int offset) {
        return jobs.list(state, studyId, limit, offset);
    }

    /** Cancels a queued or running job: its worker is stopped (the whole process tree) before this returns. */
    public Job cancel(String id, String by, String why) {
        Job job = jobs.get(id);
        if (job.state().isTerminal()) {
            throw KeelException.invalid("job " + id + ": " + job.state().wireName()
                    + " (expected: queued or running to cancel)");
        }
        String reason = why == null ? "cancelled by " + by : why;
        if (jobs.finish(id, JobState.CANCELLED, reason, null, clock.instant())) {
            Job cancelled = jobs.get(id);
            if (cancelled.workerHandle() != null) {
                executor.cancel(cancelled.workerHandle());
            }
            endAttempt(cancelled, RunStatus.KILLED, reason);
        }
        return jobs.get(id);
    }

    /** Puts a failed or cancelled job back in the queue; its worker continues from the run's last checkpoint. */
    public Job resume(String id, String by) {
        Job job = jobs.get(id);
        if (job.state() != JobState.FAILED && job.state() != JobState.CANCELLED) {
            throw KeelException.invalid("job " + id + ": " + job.state().wireName()
                    + " (expected: failed or cancelled to resume)");
        }
        if (!jobs.requeueForResume(id, "resumed by " + by + "; waiting for a free slot", clock.instant())) {
            throw KeelException.invalid("job " + id + ": changed state while resuming (expected: failed or cancelled)");
        }
        tracking.updateRun(job.runId(), new RunUpdate(null, RunStatus.SCHEDULED, "resumed by " + by, null));
        if (apiUrl != null) {
            tickSafely();
        }
        return jobs.get(id);
    }

    /** The worker's view of its job. Only the job's own current token (or an admin) may fetch it. */
    public WorkerAssignment assignment(String id, String tokenId, boolean admin) {
        Job job = requireWorker(id, tokenId, admin);
        String checkpoint = null;
        if (job.resume()) {
            checkpoint = tracking.getRun(job.runId()).tags().get(JobArtifacts.CHECKPOINT_TAG);
        }
        return new WorkerAssignment(job.id(), job.attempt(), job.runId(), job.specText(), job.datasetName(),
                job.datasetVersion(), checkpoint);
    }

    /** A worker's report. Reports for a job that already ended (a cancel won the race) change nothing. */
    public Job report(String id, String tokenId, boolean admin, WorkerReport report) {
        Job job = requireWorker(id, tokenId, admin);
        var now = clock.instant();
        switch (report.state()) {
            case RUNNING -> {
                if (report.progress() != null) {
                    jobs.updateProgress(id, report.progress(), now);
                } else if (job.state() == JobState.RUNNING) {
                    // A worker's first report of an attempt (fresh or resumed): the run is running again.
                    tracking.updateRun(job.runId(), new RunUpdate(null, RunStatus.RUNNING, null, null));
                }
            }
            case SUCCEEDED, FAILED -> {
                if (report.progress() != null) {
                    jobs.updateProgress(id, report.progress(), now);
                }
                String reason = report.reason() == null ? report.state().wireName() : report.reason();
                if (jobs.finish(id, report.state(), reason, null, now)) {
                    endAttempt(jobs.get(id), report.state() == JobState.SUCCEEDED ? RunStatus.FINISHED
                            : RunStatus.FAILED, reason);
                }
            }
            default -> throw new IllegalStateException("unreachable: " + report.state());
        }
        return jobs.get(id);
    }

    public LogChunk logs(String id, long offset, int maxBytes) {
        jobs.get(id);
        return executor.logs(id, offset, maxBytes);
    }

    /** One round of the queue: notices workers that exited, then starts queued jobs into free slots. */
    public synchronized void tick() {
        for (Job job : jobs.inStates(List.of(JobState.RUNNING))) {
            if (job.workerHandle() == null || !job.executor().equals(executor.name())) {
                continue;
            }
            switch (executor.status(job.workerHandle())) {
                case WorkerStatus.Running running -> { }
                case WorkerStatus.Exited exited -> workerExited(job, exited.exitCode());
                case WorkerStatus.Lost lost -> failLost(job, "worker lost: " + lost.why());
            }
        }
        int running = jobs.countInState(JobState.RUNNING);
        for (Job queued : jobs.inStates(List.of(JobState.QUEUED))) {
            if (running >= maxConcurrent) {
                break;
            }
            if (launch(queued)) {
                running++;
            }
        }
    }

    /** Jobs another server process left running: re-attach to live workers, fail the rest. */
    synchronized void recover() {
        for (Job job : jobs.inStates(List.of(JobState.RUNNING))) {
            Optional<String> live = job.workerHandle() == null || !job.executor().equals(executor.name())
                    ? Optional.empty() : executor.reattach(job.workerHandle());
            if (live.isPresent()) {
                log.info("job {}: re-attached to its worker {}", job.id(), live.get());
            } else {
                failLost(job, "server restarted; worker lost");
            }
        }
    }

    private boolean launch(Job job) {
        // Claim first, launch second: two servers sharing the database must not both start a worker for one job.
        if (!jobs.claimForLaunch(job.id(), "starting a worker (attempt " + job.attempt() + ")", clock.instant())) {
            return false;
        }
        JobCredentials.Credential credential = credentials.issue(job.id(), job.attempt());
        String handle;
        try {
            handle = executor.submit(new WorkerLaunch(job.id(), job.attempt(), apiUrl, credential.secret()));
        } catch (RuntimeException e) {
            credentials.revoke(credential.tokenId());
            String reason = "worker could not be started: " + e.getMessage();
            if (jobs.finish(job.id(), JobState.FAILED, reason, null, clock.instant())) {
                tracking.updateRun(job.runId(), RunUpdate.status(RunStatus.FAILED, reason));
            }
            return false;
        }
        if (!jobs.markRunning(job.id(), handle, credential.tokenId(), "running (attempt " + job.attempt() + ")",
                clock.instant())) {
            // Cancelled between the query and now: nothing may keep running for it.
            executor.cancel(handle);
            credentials.revoke(credential.tokenId());
            return false;
        }
        log.info("job {}: attempt {} started as worker {}", job.id(), job.attempt(), handle);
        return true;
    }

    private void workerExited(Job job, OptionalInt exitCode) {
        var now = clock.instant();
        String reason = exitCode.isPresent() && exitCode.getAsInt() == 0
                ? "worker exited without reporting a result" : ExitCauses.describe(exitCode);
        if (jobs.finish(job.id(), JobState.FAILED, reason, exitCode.isPresent() ? exitCode.getAsInt() : null, now)) {
            log.warn("job {}: {}", job.id(), reason);
            endAttempt(jobs.get(job.id()), RunStatus.FAILED, reason);
        } else if (exitCode.isPresent()) {
            jobs.recordExitCode(job.id(), exitCode.getAsInt(), now);
        }
    }

    private void failLost(Job job, String reason) {
        if (jobs.finish(job.id(), JobState.FAILED, reason, null, clock.instant())) {
            log.warn("job {}: {}", job.id(), reason);
            endAttempt(jobs.get(job.id()), RunStatus.FAILED, reason);
        }
    }

    private void endAttempt(Job job, RunStatus runStatus, String reason) {
        if (job.tokenId() != null) {
            credentials.revoke(job.tokenId());
        }
        tracking.updateRun(job.runId(), RunUpdate.status(runStatus, truncate(reason)));
    }

    private Job requireWorker(String id, String tokenId, boolean admin) {
        Job job = jobs.get(id);
        if (!admin && (job.tokenId() == null || !job.tokenId().equals(tokenId))) {
            throw new KeelException(dev.keel.core.error.ErrorCode.PERMISSION_DENIED, "job " + id
                    + ": this token does not belong to the job's current worker");
        }
        return job;
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("job queue round failed: {}", e.toString(), e);
        }
    }

    /** What the server knows; the worker records the engine's own versions when it starts. */
    private static Provenance serverProvenance(TrainingSpec spec) {
        String pending = "reported by the worker";
        return new Provenance(KeelVersion.current(), pending, pending,
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                pending, pending, "unknown", spec.threads());
    }

    private static String truncate(String reason) {
        return reason.length() <= 4000 ? reason : reason.substring(0, 4000);
    }

    /** Stops the queue; workers keep running and a restarted server re-attaches to them. */
    @Override
    public synchronized void close() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }
}
