package dev.keel.cli.tracking;

import dev.keel.cli.CommandOutput;
import dev.keel.cli.KeelCommand;
import dev.keel.cli.OutputFormat;
import dev.keel.cli.TableRenderer;
import dev.keel.client.tracking.MetricPoint;
import dev.keel.client.tracking.MetricValue;
import dev.keel.client.tracking.RunComparison;
import dev.keel.client.tracking.RunDetails;
import dev.keel.client.tracking.RunList;
import dev.keel.client.tracking.RunSearch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keel runs list|show|compare|metrics}. */
@Command(name = "runs", description = "Search, show and compare tracked runs.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.Compare.class,
            RunsCommand.Metrics.class})
public final class RunsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", description = "List runs, filtered and sorted with MLflow's search syntax.")
    static final class ListRuns implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--experiment", paramLabel = "ID_OR_NAME", description = "Experiment (repeatable; default: all).")
        List<String> experiments = new ArrayList<>();

        @Option(names = "--filter", paramLabel = "FILTER",
                description = "For example \"metrics.val_accuracy > 0.9 and params.lr = '0.01'\".")
        String filter;

        @Option(names = "--sort", paramLabel = "ORDER", description = "For example \"metrics.val_accuracy DESC\" (repeatable).")
        List<String> sort = new ArrayList<>();

        @Option(names = "--view", paramLabel = "VIEW", description = "active (default), deleted or all.")
        String view;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N runs (default 100).")
        int limit;

        @Option(names = "--metric", paramLabel = "KEY", description = "Metric columns to show (repeatable).")
        List<String> metrics = new ArrayList<>();

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            RunList runs = root.client().tracking().search(new RunSearch(experiments, filter, sort, view, limit, null));
            List<String> headers = new ArrayList<>(List.of("id", "name", "status", "started"));
            headers.addAll(metrics);
            root.output().list(runs.runs(), headers, run -> {
                List<Object> row = new ArrayList<>(Arrays.asList(run.id(), run.name(), run.keelStatus(), run.startTime()));
                metrics.forEach(key -> row.add(format(run.metrics().get(key))));
                return row;
            });
        }
    }

    @Command(name = "show", description = "Show a run: status, lineage, params, latest metrics, tags.")
    static final class Show implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RUN_ID")
        String id;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            RunDetails run = root.client().tracking().run(id);
            CommandOutput output = root.output();
            if (output.format() == OutputFormat.JSON) {
                output.printJson(run);
                return;
            }
            List<List<?>> rows = new ArrayList<>();
            rows.add(Arrays.asList("id", run.id()));
            rows.add(Arrays.asList("name", run.name()));
            rows.add(Arrays.asList("experiment", run.experimentId()));
            rows.add(Arrays.asList("status", run.keelStatus() + (run.statusReason() == null ? "" : " (" + run.statusReason() + ")")));
            rows.add(Arrays.asList("started", run.startTime()));
            rows.add(Arrays.asList("ended", run.endTime()));
            if (run.lineage() != null) {
                rows.add(Arrays.asList("dataset version", run.lineage().datasetVersionHash()));
                rows.add(Arrays.asList("spec hash", run.lineage().specHash()));
                rows.add(Arrays.asList("seed", run.lineage().seed()));
            }
            new java.util.TreeMap<>(run.params()).forEach((k, v) -> rows.add(Arrays.asList("params." + k, v)));
            new java.util.TreeMap<>(run.metrics()).forEach((k, v) -> rows.add(Arrays.asList("metrics." + k, format(v))));
            new java.util.TreeMap<>(run.tags()).forEach((k, v) -> rows.add(Arrays.asList("tags." + k, v)));
            root.out().print(TableRenderer.render(List.of("field", "value"), rows));
            root.out().flush();
        }
    }

    @Command(name = "compare", description = "Params and latest metrics of runs side by side.")
    static final class Compare implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "2..*", paramLabel = "RUN_ID")
        List<String> ids;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            RunComparison comparison = root.client().tracking().compare(ids);
            if (root.output().format() == OutputFormat.JSON) {
                root.output().printJson(comparison);
                return;
            }
            List<String> headers = new ArrayList<>(List.of("key"));
            for (int i = 0; i < comparison.runIds().size(); i++) {
                headers.add(comparison.runNames().get(i) + " (" + shortId(comparison.runIds().get(i)) + ")");
            }
            List<List<?>> rows = new ArrayList<>();
            for (Map.Entry<String, List<String>> param : comparison.params().entrySet()) {
                List<Object> row = new ArrayList<>(List.of("params." + param.getKey()));
                row.addAll(param.getValue());
                rows.add(row);
            }
            for (Map.Entry<String, List<Double>> metric : comparison.metrics().entrySet()) {
                List<Object> row = new ArrayList<>(List.of("metrics." + metric.getKey()));
                metric.getValue().forEach(value -> row.add(value == null ? null : format(value)));
                rows.add(row);
            }
            root.out().print(TableRenderer.render(headers, rows));
            root.out().flush();
        }
    }

    @Command(name = "metrics", description = "A metric's history: every logged step.")
    static final class Metrics implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RUN_ID")
        String id;

        @Parameters(index = "1", paramLabel = "KEY")
        String key;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            List<MetricPoint> points = root.client().tracking().metricHistory(id, key);
            root.output().list(points, List.of("step", "value", "timestamp"),
                    p -> Arrays.asList(p.step(), format(p.value()), java.time.Instant.ofEpochMilli(p.timestamp())));
        }
    }

    static String format(MetricValue value) {
        return value == null ? null : format(value.value());
    }

    static String format(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? Double.toString(value)
                : String.format(java.util.Locale.ROOT, "%.6g", value);
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
