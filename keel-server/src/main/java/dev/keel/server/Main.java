package dev.keel.server;

import dev.keel.cli.KeelCli;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** The {@code keel} executable: every CLI command, plus {@code keel server}, which needs the whole platform. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        Path userHome = Path.of(System.getProperty("user.home"));
        Charset charset = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true);
        CommandLine commandLine = KeelCli.commandLine(env, userHome, out, err);
        commandLine.addSubcommand("server", new ServerCommand(env, userHome));
        commandLine.addSubcommand("worker", new dev.keel.server.job.worker.WorkerCommand(env));
        // JOBS: the training commands live in keel-cli; registered here, beside the worker that runs their jobs.
        commandLine.addSubcommand("train", new dev.keel.cli.jobs.TrainCommand());
        commandLine.addSubcommand("jobs", new dev.keel.cli.jobs.JobsCommand());
        commandLine.addSubcommand("studies", new dev.keel.cli.jobs.StudiesCommand());
        commandLine.addSubcommand("quickstart", new dev.keel.server.quickstart.QuickstartCommand(env));
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
