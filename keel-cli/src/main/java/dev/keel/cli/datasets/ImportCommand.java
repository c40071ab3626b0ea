package dev.keel.cli.datasets;

import dev.keel.cli.KeelCommand;
import dev.keel.core.dataset.DatasetVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keel datasets import NAME SERVER_PATH} (admin: snapshot a folder on the server) or
 * {@code keel datasets import fashion-mnist|mnist|imdb [--name N] [--path P] [--download]}.
 */
@Command(name = "import", description = {
        "import NAME PATH: snapshot a folder or file on the server (admin; inside the import roots).",
        "import fashion-mnist|mnist|imdb: import a well-known dataset, checked against its genuine SHA-256s."})
final class ImportCommand implements Runnable {
    private static final Set<String> WELL_KNOWN = Set.of("fashion-mnist", "mnist", "imdb");

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "NAME [PATH] | WELL_KNOWN")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--name", description = "Dataset to import a well-known dataset into (default: its name).")
    String name;

    @Option(names = "--path", description = "Server-side folder or .tgz holding the genuine files (admin).")
    String path;

    @Option(names = "--download", description = "Fetch the genuine files from their canonical location.")
    boolean download;

    @Option(names = {"-m", "--message"}, defaultValue = "")
    String message;

    @Option(names = "--tag")
    List<String> tags = new ArrayList<>();

    @Override
    public void run() {
        KeelCommand root = KeelCommand.of(spec);
        var datasets = root.client().datasets();
        DatasetVersion version;
        if (arguments.size() == 1 && WELL_KNOWN.contains(arguments.getFirst())) {
            version = datasets.importWellKnown(arguments.getFirst(), name, path, download);
        } else if (arguments.size() == 2) {
            version = datasets.importPath(arguments.get(0), arguments.get(1), message, tags);
        } else {
            throw new ParameterException(spec.commandLine(), "expected: NAME PATH, or one of " + WELL_KNOWN);
        }
        root.output().object(version, DatasetsCommand.VERSION_HEADERS, v -> DatasetsCommand.versionRow(version));
    }
}
