package dev.keel.cli.jobs;

import dev.keel.cli.KeelCommand;
import dev.keel.client.jobs.Job;
import dev.keel.client.jobs.JobsClient;
import dev.keel.client.jobs.LogChunk;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keel jobs list|show|cancel|logs [-f]|resume}. */
@Command(name = "jobs", description = "List, show, cancel, resume training jobs and read their logs.",
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.Show.class, JobsCommand.Cancel.class,
            JobsCommand.Logs.class, JobsCommand.Resume.class})
public final class JobsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final List<String> FIELDS = List.of("id", "state", "reason", "dataset", "experiment", "run", "study",
            "attempt", "progress", "loss", "worker", "exit code", "created", "started", "ended");

    static List<?> fields(Job job) {
        Job.Progress p = job.progress();
        return Arrays.asList(job.id(), job.state(), job.reason(), job.dataset(), job.experiment(), job.runId(),
                job.studyId(), job.attempt(), p.step() + "/" + p.totalSteps() + " (epoch " + p.epoch() + ")",
                p.loss() == null ? null : String.format(Locale.ROOT, "%.4f", p.loss()), job.worker(), job.exitCode(),
                job.createdAt(), job.startedAt(), job.endedAt());
    }

    @Command(name = "list", description = "List jobs, newest first.")
    static final class ListJobs implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--state", paramLabel = "STATE", description = "queued, running, succeeded, failed or cancelled.")
        String state;

        @Option(names = "--study", paramLabel = "ID", description = "Only the trials of this study.")
        String study;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N jobs (default 50).")
        int limit;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            List<Job> jobs = new JobsClient(root.client()).list(Optional.ofNullable(state), Optional.ofNullable(study),
                    limit);
            root.output().list(jobs, List.of("id", "state", "dataset", "experiment", "step", "reason"),
                    job -> Arrays.asList(job.id(), job.state(), job.dataset(), job.experiment(),
                            job.progress().step() + "/" + job.progress().totalSteps(), job.reason()));
        }
    }

    @Command(name = "show", description = "Show a job: state and reason, progress, run, worker.")
    static final class Show implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "JOB_ID")
        String id;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            Job job = new JobsClient(root.client()).get(id);
            root.output().object(job, FIELDS, j -> fields(job));
        }
    }

    @Command(name = "cancel", description = "Cancel a queued or running job (its worker is stopped).")
    static final class Cancel implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "JOB_ID")
        String id;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            Job job = new JobsClient(root.client()).cancel(id);
            root.output().object(job, FIELDS, j -> fields(job));
        }
    }

    @Command(name = "resume", description = "Resume a failed or cancelled job from its last checkpoint.")
    static final class Resume implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "JOB_ID")
        String id;

        @Option(names = "--follow", description = "Show progress until the job ends; exit with its outcome.")
        boolean follow;

        @Override
        public Integer call() {
            KeelCommand root = KeelCommand.of(spec);
            Job job = new JobsClient(root.client()).resume(id);
            if (follow) {
                return JobFollower.follow(root, job);
            }
            root.output().object(job, FIELDS, j -> fields(job));
            return 0;
        }
    }

    @Command(name = "logs", description = "Print a job's worker output (-f: follow until the job ends).")
    static final class Logs implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "JOB_ID")
        String id;

        @Option(names = {"-f", "--follow"}, description = "Keep printing as the worker writes, until the job ends.")
        boolean follow;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            JobsClient jobs = new JobsClient(root.client());
            PrintStream out = System.out;
            if (follow) {
                jobs.followLogs(id, 0, new FlushingStream(out));
                return;
            }
            long offset = 0;
            while (true) {
                LogChunk chunk = jobs.logs(id, offset, 1 << 20);
                out.print(chunk.text());
                if (chunk.nextOffset() == offset) {
                    break;
                }
                offset = chunk.nextOffset();
            }
            out.flush();
        }
    }

    /** Flushes every write, so followed output appears as it arrives. */
    private static final class FlushingStream extends OutputStream {
        private final PrintStream out;

        FlushingStream(PrintStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int off, int len) {
            out.write(bytes, off, len);
            out.flush();
        }
    }
}
