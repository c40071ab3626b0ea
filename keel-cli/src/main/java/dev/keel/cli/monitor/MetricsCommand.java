package dev.keel.cli.monitor;

import dev.keel.cli.KeelCommand;
import dev.keel.cli.OutputFormat;
import dev.keel.client.monitor.DriftReport;
import dev.keel.client.monitor.MetricsQuery;
import dev.keel.client.monitor.MetricsResult;
import dev.keel.client.monitor.MonitorClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keel metrics query|series|drift}. */
@Command(name = "metrics", description = "Query the model metrics store.",
        subcommands = {MetricsCommand.Query.class, MetricsCommand.Series.class, MetricsCommand.Drift.class})
public final class MetricsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "query", description = "A metric over a time range, one row per group and step.")
    static final class Query implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "Metric, e.g. keel_serving_requests.")
        String name;

        @Option(names = "--label", paramLabel = "K=V", description = "Only series with this label (repeatable).")
        List<String> labels;

        @Option(names = "--from", description = "Start: now, -1h, ISO-8601 or epoch ms (default -1h).")
        String from;

        @Option(names = "--to", description = "End (default now).")
        String to;

        @Option(names = "--step", description = "Step: 30s, 1m, 1h (default 1m).")
        String step;

        @Option(names = "--agg", description = "sum, count, avg, min, max, rate, p50, p90, p99 (default avg).")
        String agg;

        @Option(names = "--group-by", split = ",", paramLabel = "LABEL", description = "Labels to group by.")
        List<String> groupBy;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            MetricsResult result = root.client().monitor().query(new MetricsQuery(name,
                    LabelPairs.parse(spec, "--label", labels), Optional.ofNullable(from), Optional.ofNullable(to),
                    Optional.ofNullable(step), Optional.ofNullable(agg), groupBy == null ? List.of() : groupBy));
            if (root.output().format() == OutputFormat.JSON) {
                root.output().printJson(result);
                return;
            }
            List<List<?>> rows = new ArrayList<>();
            for (MetricsResult.Series series : result.series()) {
                for (List<Double> point : series.points()) {
                    rows.add(Arrays.asList(Instant.ofEpochMilli(point.get(0).longValue()).toString(),
                            series.labels().toString(), point.get(1)));
                }
            }
            root.output().list(rows, List.of("time", "labels", result.agg()), row -> row);
            root.output().message(result.name() + ": resolution " + result.resolution() + ", step " + result.step());
        }
    }

    @Command(name = "series", description = "Stored metric names and their label sets.")
    static final class Series implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Only this metric.")
        String name;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            List<MonitorClient.SeriesInfo> series = root.client().monitor().series(Optional.ofNullable(name));
            List<List<?>> rows = new ArrayList<>();
            series.forEach(s -> s.labels().forEach(l -> rows.add(Arrays.asList(s.name(), l.toString()))));
            if (root.output().format() == OutputFormat.JSON) {
                root.output().printJson(series);
            } else {
                root.output().list(rows, List.of("name", "labels"), row -> row);
            }
        }
    }

    @Command(name = "drift", description = "Drift of an endpoint against its training data (PSI, KS).")
    static final class Drift implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ENDPOINT")
        String endpoint;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            DriftReport report = root.client().monitor().drift(endpoint);
            if (root.output().format() == OutputFormat.JSON) {
                root.output().printJson(report);
                return;
            }
            root.output().list(report.scores(), List.of("feature", "method", "value", "reference", "live"),
                    s -> Arrays.asList(s.feature(), s.method(), String.format("%.4f", s.value()), s.referenceSize(),
                            s.liveSize()));
            root.output().message(report.endpoint() + ": model " + report.model() + " version " + report.version()
                    + ", window " + report.window()
                    + (report.scores().isEmpty() ? " (no reference or too few sampled predictions yet)" : ""));
        }
    }
}
