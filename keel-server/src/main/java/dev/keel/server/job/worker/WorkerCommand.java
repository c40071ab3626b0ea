package dev.keel.server.job.worker;

import dev.keel.cli.KeelCommand;
import dev.keel.cli.ServerTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keel worker --url URL --job ID [--work-dir DIR]}: runs one job attempt and exits (0 succeeded, 1 failed,
 * 2 bad invocation). {@code --url} and the token are the CLI's own ({@code --token}, else {@code KEEL_TOKEN}); an
 * executor passes a job-scoped editor token in {@code KEEL_TOKEN}. Executors start it; people do not need to.
 */
@Command(name = "worker", hidden = true, description = "Run one training job attempt (started by an executor).")
public final class WorkerCommand implements Callable<Integer> {
    private final Map<String, String> env;

    @Spec
    CommandSpec spec;

    @Option(names = "--job", required = true, paramLabel = "ID", description = "The job to run.")
    String job;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Local scratch folder (default: ./keel-job-ID).")
    Path workDirectory;

    public WorkerCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        ServerTarget target = KeelCommand.of(spec).target();
        if (target.token().isEmpty()) {
            System.err.println("error: no token (expected: KEEL_TOKEN or --token)");
            return 2;
        }
        Path folder = workDirectory != null ? workDirectory : Path.of("keel-job-" + job);
        return new JobWorker(new WorkerApi(target.url(), target.token().get(), job), folder, env, Clock.systemUTC(),
                System.out).run();
    }
}
