package dev.keel.cli.datasets;

import dev.keel.cli.KeelCommand;
import dev.keel.cli.OutputFormat;
import dev.keel.core.dataset.Dataset;
import dev.keel.core.dataset.DatasetVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keel datasets …}: versioned datasets. */
@Command(name = "datasets", aliases = "dataset", description = "Create, version, inspect and download datasets.",
        subcommands = {DatasetsCommand.Create.class, DatasetsCommand.ListDatasets.class, ShowCommand.class,
                DatasetsCommand.Versions.class, CommitCommand.class, ImportCommand.class, DiffCommand.class,
                DatasetsCommand.Tag.class, DatasetsCommand.Untag.class, DownloadCommand.class,
                DatasetsCommand.Delete.class, RecordsCommand.class})
public final class DatasetsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final List<String> VERSION_HEADERS = List.of("version", "parent", "hash", "files", "bytes", "tags",
            "author", "created", "message");

    static List<?> versionRow(DatasetVersion v) {
        return Arrays.asList("v" + v.number(), v.parent() == null ? "" : "v" + v.parent(),
                v.contentHash().substring(0, 12), v.fileCount(), v.totalBytes(), String.join(",", v.tags()),
                v.author(), v.createdAt(), v.message());
    }

    static void done(KeelCommand root, String message, Object json) {
        root.output().message(message);
        if (root.output().format() == OutputFormat.JSON) {
            root.output().printJson(json);
        }
    }

    @Command(name = "create", description = "Create an empty dataset.")
    static final class Create implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = {"-d", "--description"}, defaultValue = "")
        String description;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            Dataset dataset = root.client().datasets().create(name, description);
            root.output().object(dataset, List.of("id", "name", "project", "description"),
                    d -> List.of(dataset.id(), dataset.name(), dataset.project(), dataset.description()));
        }
    }

    @Command(name = "list", description = "List datasets.")
    static final class ListDatasets implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            root.output().list(root.client().datasets().list(),
                    List.of("name", "project", "head", "created", "description"),
                    d -> Arrays.asList(d.name(), d.project(), d.headVersion() == null ? "" : "v" + d.headVersion(),
                            d.createdAt(), d.description()));
        }
    }

    @Command(name = "versions", description = "List a dataset's versions, newest first.")
    static final class Versions implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--limit", defaultValue = "100")
        int limit;

        @Option(names = "--offset", defaultValue = "0")
        int offset;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            root.output().list(root.client().datasets().versions(name, limit, offset), VERSION_HEADERS,
                    DatasetsCommand::versionRow);
        }
    }

    @Command(name = "tag", description = "Point a tag at a version (creating or moving it).")
    static final class Tag implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "TAG")
        String tag;

        @Parameters(index = "2", paramLabel = "REF", description = "Version number, vN, tag or hash prefix.")
        String ref;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            DatasetVersion version = root.client().datasets().tag(name, tag, ref);
            done(root, "tag " + tag + " -> " + name + "@v" + version.number(), version);
        }
    }

    @Command(name = "untag", description = "Delete a tag (the version stays).")
    static final class Untag implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "TAG")
        String tag;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            root.client().datasets().untag(name, tag);
            done(root, "deleted tag " + tag + " of " + name, Map.of("untagged", tag));
        }
    }

    @Command(name = "delete", description = "Delete a version that no tag or child version references.")
    static final class Delete implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME@REF")
        String target;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            DatasetRef ref = DatasetRef.parse(target);
            if (ref.ref() == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "NAME@REF: " + target + " (expected: the version to delete, e.g. " + target + "@3)");
            }
            root.client().datasets().deleteVersion(ref.name(), ref.ref());
            done(root, "deleted " + target, Map.of("deleted", target));
        }
    }
}
