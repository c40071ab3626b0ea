package dev.keel.cli.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.cli.CommandOutput;
import dev.keel.cli.KeelCommand;
import dev.keel.cli.OutputFormat;
import dev.keel.client.datasets.DatasetsClient;
import dev.keel.core.dataset.DatasetVersion;
import dev.keel.core.dataset.DatasetVersionDetail;
import dev.keel.core.dataset.ManifestEntry;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keel datasets show NAME[@REF]}: a version's summary, manifest, schema, statistics and splits. */
@Command(name = "show", description = "Show a version: manifest summary, schema and statistics.")
final class ShowCommand implements Runnable {
    private static final int MANIFEST_LINES = 20;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME[@REF]")
    String target;

    @Override
    public void run() {
        KeelCommand root = KeelCommand.of(spec);
        DatasetsClient datasets = root.client().datasets();
        DatasetRef ref = DatasetRef.parse(target);
        DatasetVersionDetail detail = datasets.version(ref.name(), ref.resolve(datasets));
        CommandOutput output = root.output();
        if (output.format() == OutputFormat.JSON) {
            output.printJson(detail);
            return;
        }
        DatasetVersion v = detail.version();
        output.object(detail, List.of("dataset", "version", "parent", "content hash", "files", "bytes", "tags",
                "author", "created", "message"), d -> Arrays.asList(v.dataset(), "v" + v.number(),
                v.parent() == null ? "" : "v" + v.parent(), v.contentHash(), v.fileCount(), v.totalBytes(),
                String.join(",", v.tags()), v.author(), v.createdAt(), v.message()));
        output.message("");
        output.message("files (" + detail.manifest().size() + "):");
        detail.manifest().stream().limit(MANIFEST_LINES).forEach(entry -> output.message(line(entry)));
        if (detail.manifest().size() > MANIFEST_LINES) {
            output.message("  … " + (detail.manifest().size() - MANIFEST_LINES) + " more (--output json for all)");
        }
        printSchema(output, detail.schema());
        printStatistics(output, detail.statistics());
        if (detail.splits() != null && detail.splits().has("parts")) {
            output.message("");
            output.message("splits:");
            for (JsonNode part : detail.splits().path("parts")) {
                output.message("  " + part.path("name").asText() + ": " + part.path("rows").asLong() + " rows of "
                        + part.path("table").asText());
            }
        }
    }

    private static String line(ManifestEntry entry) {
        return "  " + entry.sha256().substring(0, 12) + "  " + String.format("%12d", entry.size()) + "  " + entry.path();
    }

    private static void printSchema(CommandOutput output, JsonNode schema) {
        if (schema == null || schema.isEmpty()) {
            return;
        }
        output.message("");
        output.message("schema:");
        schema.fields().forEachRemaining(table -> {
            StringBuilder columns = new StringBuilder();
            for (JsonNode column : table.getValue().path("columns")) {
                columns.append(columns.isEmpty() ? "" : ", ").append(column.path("name").asText()).append(':')
                        .append(column.path("type").asText());
            }
            output.message("  " + table.getKey() + ": " + columns);
        });
    }

    private static void printStatistics(CommandOutput output, JsonNode statistics) {
        if (statistics == null || !statistics.has("tables")) {
            return;
        }
        output.message("");
        output.message("statistics:");
        for (JsonNode table : statistics.path("tables")) {
            output.message("  " + table.path("name").asText() + " (" + table.path("format").asText() + "): "
                    + table.path("rowCount").asLong() + " rows" + (table.path("skippedRows").asLong() > 0
                    ? ", " + table.path("skippedRows").asLong() + " skipped" : ""));
            for (JsonNode column : table.path("columns")) {
                StringBuilder facts = new StringBuilder();
                column.fields().forEachRemaining(field -> {
                    if (!field.getKey().equals("name") && field.getValue().isValueNode()) {
                        facts.append(facts.isEmpty() ? "" : ", ").append(field.getKey()).append('=')
                                .append(field.getValue().asText());
                    }
                });
                output.message("    " + column.path("name").asText() + ": " + facts);
            }
            if (table.has("labelCounts") && table.path("labelCounts").size() <= 20) {
                output.message("    labels: " + table.path("labelCounts"));
            }
        }
    }
}
