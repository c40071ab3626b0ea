package dev.keel.cli.tracking;

import dev.keel.cli.KeelCommand;
import dev.keel.client.tracking.ExperimentInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keel experiments list|create}. */
@Command(name = "experiments", description = "List and create experiments (groups of tracked runs).",
        subcommands = {ExperimentsCommand.ListExperiments.class, ExperimentsCommand.Create.class})
public final class ExperimentsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", description = "List active experiments.")
    static final class ListExperiments implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            List<ExperimentInfo> experiments = root.client().tracking().experiments();
            root.output().list(experiments, List.of("id", "name", "created", "tags"),
                    e -> Arrays.asList(e.id(), e.name(), e.createdAt(), e.tags().isEmpty() ? null : e.tags().toString()));
        }
    }

    @Command(name = "create", description = "Create an experiment.")
    static final class Create implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag (repeatable).")
        Map<String, String> tags = new LinkedHashMap<>();

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            ExperimentInfo created = root.client().tracking().createExperiment(name, tags);
            root.output().object(created, List.of("id", "name", "created"),
                    value -> Arrays.asList(created.id(), created.name(), created.createdAt()));
        }
    }
}
