package dev.keel.cli.datasets;

import dev.keel.cli.KeelCommand;
import dev.keel.client.datasets.DatasetsClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keel datasets records NAME[@REF] SPLIT}: the split's record batches as JSON Lines on stdout. */
@Command(name = "records", description = "Print a split's records as JSON Lines (one batch per line).")
final class RecordsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME[@REF]")
    String target;

    @Parameters(index = "1", paramLabel = "SPLIT", description = "train, test, validation or a random split's name.")
    String split;

    @Option(names = "--batch-size", defaultValue = "256")
    int batchSize;

    @Option(names = "--offset", defaultValue = "0", description = "Records to skip.")
    long offset;

    @Option(names = "--limit", defaultValue = "-1", description = "Records to print at most (-1: all).")
    long limit;

    @Override
    public void run() {
        KeelCommand root = KeelCommand.of(spec);
        DatasetsClient datasets = root.client().datasets();
        DatasetRef ref = DatasetRef.parse(target);
        PrintWriter out = spec.commandLine().getOut();
        datasets.records(ref.name(), ref.resolve(datasets), split, batchSize, offset, limit, batch -> {
            out.println(batch.toString());
            out.flush();
        });
    }
}
