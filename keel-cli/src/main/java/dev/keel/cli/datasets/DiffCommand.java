package dev.keel.cli.datasets;

import dev.keel.cli.CommandOutput;
import dev.keel.cli.KeelCommand;
import dev.keel.cli.OutputFormat;
import dev.keel.core.dataset.DatasetDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keel datasets diff NAME FROM TO}: files added, removed and changed, and row counts. */
@Command(name = "diff", description = "Compare two versions.")
final class DiffCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "FROM")
    String from;

    @Parameters(index = "2", paramLabel = "TO")
    String to;

    @Override
    public void run() {
        KeelCommand root = KeelCommand.of(spec);
        DatasetDiff diff = root.client().datasets().diff(name, from, to);
        CommandOutput output = root.output();
        if (output.format() == OutputFormat.JSON) {
            output.printJson(diff);
            return;
        }
        output.message(name + ": v" + diff.from() + " -> v" + diff.to());
        diff.added().forEach(e -> output.message("  + " + e.path() + " (" + e.size() + " bytes)"));
        diff.removed().forEach(e -> output.message("  - " + e.path() + " (" + e.size() + " bytes)"));
        diff.changed().forEach(c -> output.message("  ~ " + c.path() + " (" + c.fromSize() + " -> " + c.toSize()
                + " bytes)"));
        if (diff.added().isEmpty() && diff.removed().isEmpty() && diff.changed().isEmpty()) {
            output.message("  no file changes");
        }
        diff.rowCounts().forEach((table, rows) -> output.message("  rows " + table + ": "
                + (rows.from() == null ? "-" : rows.from()) + " -> " + (rows.to() == null ? "-" : rows.to())));
    }
}
