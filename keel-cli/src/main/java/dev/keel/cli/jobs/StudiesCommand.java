package dev.keel.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.keel.cli.KeelCommand;
import dev.keel.client.jobs.StudiesClient;
import dev.keel.client.jobs.Study;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keel studies create -f study.yaml | list | show ID | cancel ID}. */
@Command(name = "studies", description = "Hyperparameter studies: create, list, show (best trial and all trials), cancel.",
        subcommands = {StudiesCommand.Create.class, StudiesCommand.ListStudies.class, StudiesCommand.Show.class,
            StudiesCommand.Cancel.class})
public final class StudiesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static void print(KeelCommand root, Study study) {
        if (root.output().format() == dev.keel.cli.OutputFormat.JSON) {
            root.output().printJson(study);
            return;
        }
        root.out().println("study " + study.id() + " (" + study.name() + "): " + study.state() + " — " + study.reason());
        root.out().println("objective: " + study.direction() + " " + study.objectiveMetric() + "; algorithm "
                + study.algorithm() + "; " + study.maxTrials() + " trials, " + study.parallelism() + " at a time");
        if (study.best() != null) {
            root.out().println("best: trial " + study.best().index() + " " + study.objectiveMetric() + " = "
                    + study.best().objective() + " " + study.best().params());
        }
        root.out().flush();
        if (study.trials() != null && !study.trials().isEmpty()) {
            root.output().list(study.trials(), List.of("trial", "state", study.objectiveMetric(), "params", "job"),
                    t -> Arrays.asList(t.index(), t.state(), t.objective(), t.params(), t.jobId()));
        }
    }

    @Command(name = "create", description = "Start a study from a YAML/JSON file (spec: inline, or specFile: path).")
    static final class Create implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = {"-f", "--file"}, required = true, paramLabel = "STUDY", description = "The study file.")
        Path file;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            print(root, new StudiesClient(root.client()).create(inlined(file)));
        }

        /** The study as JSON, with {@code specFile} (relative to the study file) read into {@code spec}. */
        static String inlined(Path file) {
            YAMLMapper yaml = new YAMLMapper();
            try {
                JsonNode tree = yaml.readTree(file.toFile());
                if (tree instanceof ObjectNode study && study.has("specFile")) {
                    Path specFile = file.toAbsolutePath().getParent().resolve(study.remove("specFile").asText());
                    study.set("spec", yaml.readTree(specFile.toFile()));
                }
                return tree.toString();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "list", description = "List studies, newest first.")
    static final class ListStudies implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N studies (default 50).")
        int limit;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            List<Study> studies = new StudiesClient(root.client()).list(limit);
            root.output().list(studies, List.of("id", "name", "state", "objective", "best", "reason"), s -> {
                List<Object> row = new ArrayList<>(Arrays.asList(s.id(), s.name(), s.state(),
                        s.direction() + " " + s.objectiveMetric()));
                row.add(s.best() == null ? null : s.best().objective());
                row.add(s.reason());
                return row;
            });
        }
    }

    @Command(name = "show", description = "Show a study: its best trial and a table of all trials.")
    static final class Show implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "STUDY_ID")
        String id;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            print(root, new StudiesClient(root.client()).get(id));
        }
    }

    @Command(name = "cancel", description = "Cancel a study and its unfinished trials.")
    static final class Cancel implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "STUDY_ID")
        String id;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            print(root, new StudiesClient(root.client()).cancel(id));
        }
    }
}
