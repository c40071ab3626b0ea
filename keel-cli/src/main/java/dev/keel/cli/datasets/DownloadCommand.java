package dev.keel.cli.datasets;

import dev.keel.cli.ByteProgress;
import dev.keel.cli.KeelCommand;
import dev.keel.client.datasets.DatasetsClient;
import dev.keel.core.dataset.DatasetVersionDetail;
import dev.keel.core.dataset.ManifestEntry;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keel datasets download NAME[@REF] [FILE] [-o TARGET]}: one file, or the whole version as a tar. */
@Command(name = "download", description = "Download one file of a version, or the whole version as a .tar.")
final class DownloadCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME[@REF]")
    String target;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "A path in the version.")
    String file;

    @Option(names = {"-o", "--output-file"}, description = "Where to write (default: the file's name or NAME-vN.tar).")
    Path output;

    @Override
    public void run() {
        KeelCommand root = KeelCommand.of(spec);
        DatasetsClient datasets = root.client().datasets();
        DatasetRef ref = DatasetRef.parse(target);
        DatasetVersionDetail detail = datasets.version(ref.name(), ref.resolve(datasets));
        String version = String.valueOf(detail.version().number());
        long bytes;
        Path written;
        if (file != null) {
            long size = detail.manifest().stream().filter(e -> e.path().equals(file)).mapToLong(ManifestEntry::size)
                    .findFirst().orElse(-1);
            written = output != null ? output : Path.of(file.substring(file.lastIndexOf('/') + 1));
            try (ByteProgress progress = ByteProgress.start("download", size, System.err)) {
                bytes = datasets.downloadFile(ref.name(), version, file, written, progress);
            }
        } else {
            written = output != null ? output : Path.of(ref.name() + "-v" + version + ".tar");
            try (ByteProgress progress = ByteProgress.start("download", -1, System.err)) {
                bytes = datasets.downloadArchive(ref.name(), version, written, progress);
            }
        }
        DatasetsCommand.done(root, "wrote " + bytes + " bytes to " + written,
                Map.of("path", written.toString(), "bytes", bytes));
    }
}
