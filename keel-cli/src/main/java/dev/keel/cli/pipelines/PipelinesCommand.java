package dev.keel.cli.pipelines;

import dev.keel.cli.KeelCommand;
import dev.keel.cli.OutputFormat;
import dev.keel.cli.TableRenderer;
import dev.keel.client.pipelines.Pipeline;
import dev.keel.client.pipelines.PipelineRun;
import dev.keel.client.pipelines.PipelinesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keel pipelines apply -f FILE | list | run NAME [--param k=v] [--wait] | runs [NAME] | show RUN_ID | cancel RUN_ID}. */
@Command(name = "pipelines", description = "Apply, list and run pipelines; show and cancel their runs.",
        subcommands = {PipelinesCommand.Apply.class, PipelinesCommand.ListPipelines.class, PipelinesCommand.Run.class,
            PipelinesCommand.Runs.class, PipelinesCommand.Show.class, PipelinesCommand.Cancel.class})
public final class PipelinesCommand implements Runnable {
    /** Exit code of {@code run --wait} when the run failed or was cancelled. */
    static final int RUN_FAILED = 1;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final List<String> RUN_FIELDS = List.of("id", "pipeline", "version", "state", "reason", "trigger", "params",
            "created", "ended", "duration ms");

    static List<?> runFields(PipelineRun run) {
        return Arrays.asList(run.id(), run.pipeline(), run.pipelineVersion(), run.state(), run.reason(), run.trigger(),
                run.params(), run.createdAt(), run.endedAt(), run.durationMs());
    }

    /** The run's fields, then one row per step; with {@code --output json}, the run as JSON. */
    static void printRun(KeelCommand root, PipelineRun run) {
        root.output().object(run, RUN_FIELDS, r -> runFields(run));
        if (root.output().format() == OutputFormat.TABLE && run.steps() != null) {
            root.out().print(TableRenderer.render(List.of("step", "type", "state", "attempt", "duration ms", "outputs",
                    "reason"), run.steps().stream().<List<?>>map(s -> Arrays.asList(s.name(), s.type(), s.state(),
                    s.attempt() + "/" + s.maxAttempts(), s.durationMs(), s.outputs(), s.reason())).toList()));
            root.out().flush();
        }
    }

    @Command(name = "apply", description = "Create or update a pipeline from a YAML/JSON file (every problem is listed).")
    static final class Apply implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The pipeline spec.")
        Path file;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            Pipeline pipeline = new PipelinesClient(root.client()).apply(text);
            root.output().object(pipeline, List.of("name", "version", "triggers", "steps"), p -> Arrays.asList(
                    pipeline.name(), pipeline.version(), pipeline.triggers(),
                    pipeline.steps().stream().map(Pipeline.Step::name).toList()));
        }
    }

    @Command(name = "list", description = "List pipelines.")
    static final class ListPipelines implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            root.output().list(new PipelinesClient(root.client()).list(), List.of("name", "version", "triggers",
                    "steps", "updated"), p -> Arrays.asList(p.name(), p.version(), p.triggers(), p.steps().size(),
                    p.updatedAt()));
        }
    }

    @Command(name = "run", description = "Start a run of a pipeline.")
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "A parameter value (repeatable).")
        List<String> params = List.of();

        @Option(names = "--wait", description = "Wait until the run ends; exit 0 only when it succeeded.")
        boolean await;

        @Override
        public Integer call() throws InterruptedException {
            KeelCommand root = KeelCommand.of(spec);
            Map<String, String> values = new LinkedHashMap<>();
            for (String param : params) {
                int eq = param.indexOf('=');
                if (eq <= 0) {
                    throw new ParameterException(spec.commandLine(), "--param: " + param + " (expected: KEY=VALUE)");
                }
                values.put(param.substring(0, eq), param.substring(eq + 1));
            }
            PipelinesClient pipelines = new PipelinesClient(root.client());
            PipelineRun run = pipelines.run(name, values);
            if (!await) {
                printRun(root, run);
                return 0;
            }
            String last = "";
            while (!run.ended()) {
                Thread.sleep(500);
                run = pipelines.getRun(run.id());
                String now = run.steps().stream().map(s -> s.name() + ":" + s.state()).toList().toString();
                if (!now.equals(last)) {
                    System.err.println(now);
                    last = now;
                }
            }
            printRun(root, run);
            return "succeeded".equals(run.state()) ? 0 : RUN_FAILED;
        }
    }

    @Command(name = "runs", description = "List runs, newest first (of one pipeline, or of all).")
    static final class Runs implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
        String name;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N runs (default 50).")
        int limit;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            root.output().list(new PipelinesClient(root.client()).runs(Optional.ofNullable(name), limit),
                    List.of("id", "pipeline", "state", "trigger", "created", "duration ms", "reason"),
                    r -> Arrays.asList(r.id(), r.pipeline(), r.state(), r.trigger().get("kind"), r.createdAt(),
                            r.durationMs(), r.reason()));
        }
    }

    @Command(name = "show", description = "Show a run: its steps' states, attempts, durations, outputs (and logs).")
    static final class Show implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RUN_ID")
        String id;

        @Option(names = "--logs", description = "Also print each step's log.")
        boolean logs;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            PipelineRun run = new PipelinesClient(root.client()).getRun(id);
            printRun(root, run);
            if (logs && root.output().format() == OutputFormat.TABLE) {
                for (PipelineRun.Step step : run.steps()) {
                    root.out().println("== " + step.name() + " (" + step.state() + ")");
                    root.out().print(step.log());
                }
                root.out().flush();
            }
        }
    }

    @Command(name = "cancel", description = "Cancel a running pipeline run.")
    static final class Cancel implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RUN_ID")
        String id;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            printRun(root, new PipelinesClient(root.client()).cancel(id));
        }
    }
}
