package dev.keel.cli.jobs;

import dev.keel.cli.KeelCommand;
import dev.keel.client.jobs.Job;
import dev.keel.client.jobs.JobsClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keel train -f spec.yaml [--follow]}: submits a training job. With {@code --follow} it shows a live
 * progress bar (loss, samples/s), then the run id and final metrics, and exits 0 when the job succeeded, 1 when
 * it failed or was cancelled.
 */
@Command(name = "train", description = "Submit a training spec as a job (--follow to watch it to the end).")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "SPEC", description = "Training spec (YAML or JSON).")
    Path file;

    @Option(names = "--follow", description = "Show progress until the job ends; exit with its outcome.")
    boolean follow;

    @Option(names = "--experiment", paramLabel = "NAME", description = "Experiment for the run (default: the spec's name).")
    String experiment;

    @Option(names = "--run-name", paramLabel = "NAME", description = "Name of the run (default: generated).")
    String runName;

    @Override
    public Integer call() {
        KeelCommand root = KeelCommand.of(spec);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Job job = new JobsClient(root.client()).submit(text, experiment, runName);
        if (!follow) {
            root.output().object(job, List.of("job", "state", "run", "dataset"),
                    j -> List.of(job.id(), job.state(), job.runId(), job.dataset()));
            return 0;
        }
        root.out().println("job " + job.id() + " submitted (run " + job.runId() + ", dataset " + job.dataset() + ")");
        root.out().flush();
        return JobFollower.follow(root, job);
    }
}
