package dev.keel.cli.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.cli.ByteProgress;
import dev.keel.cli.KeelCommand;
import dev.keel.client.KeelClient;
import dev.keel.client.datasets.LocalFiles;
import dev.keel.core.dataset.DatasetVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keel datasets commit NAME FILE|FOLDER…}: uploads what changed (files equal to the parent's are not
 * sent, content the server already has is skipped via {@code HEAD /blobs}) with a progress bar, then commits.
 */
@Command(name = "commit", description = "Upload files or folders and commit them as a new version.")
final class CommitCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1..*", paramLabel = "FILE|FOLDER", arity = "0..*",
            description = "A folder's files keep their paths relative to it; a file goes in at its name.")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-m", "--message"}, defaultValue = "")
    String message;

    @Option(names = "--parent", description = "Version to commit on (default: the head); 409 if it is not the head.")
    String parent;

    @Option(names = "--tag", description = "Tag the new version (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--remove", paramLabel = "PATH", description = "Drop a file of the parent (repeatable).")
    List<String> remove = new ArrayList<>();

    @Option(names = "--format", paramLabel = "JSON", description = "Format options, e.g. '{\"labelColumn\":\"species\"}'.")
    String format;

    @Option(names = "--split", paramLabel = "JSON",
            description = "Split spec, e.g. '{\"kind\":\"random\",\"seed\":7,\"ratios\":{\"train\":0.8,\"test\":0.2}}'.")
    String split;

    @Override
    public void run() {
        KeelCommand root = KeelCommand.of(spec);
        KeelClient client = root.client();
        Map<String, Path> files = LocalFiles.collect(paths);
        long total = files.values().stream().mapToLong(CommitCommand::size).sum();
        DatasetVersion version;
        try (ByteProgress progress = ByteProgress.start("upload", total, System.err)) {
            version = client.datasets().commitFiles(name, parent, message, tags, files, remove,
                    json(client, "--format", format), json(client, "--split", split), progress);
        }
        root.output().object(version, DatasetsCommand.VERSION_HEADERS, v -> DatasetsCommand.versionRow(version));
    }

    static JsonNode json(KeelClient client, String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return client.json().readTree(text);
        } catch (IOException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new Object()),
                    option + ": " + text + " (expected: a JSON object)");
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
