package dev.keel.cli.monitor;

import dev.keel.cli.KeelCommand;
import dev.keel.cli.OutputFormat;
import dev.keel.client.monitor.AlertEventInfo;
import dev.keel.client.monitor.AlertRuleInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keel alerts rules create|list|delete} and {@code keel alerts events}. */
@Command(name = "alerts", description = "Alert rules and events.",
        subcommands = {AlertsCommand.Rules.class, AlertsCommand.Events.class})
public final class AlertsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "rules", description = "Manage alert rules.",
            subcommands = {Create.class, ListRules.class, Delete.class})
    static final class Rules implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    @Command(name = "create", description = "Create a rule: METRIC aggregated over --window compared with --threshold.")
    static final class Create implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--metric", required = true, description = "A metric, or a drift score (keel_drift_psi, keel_drift_ks).")
        String metric;

        @Option(names = "--label", paramLabel = "K=V", description = "Only series with this label (repeatable).")
        List<String> match;

        @Option(names = "--agg", defaultValue = "avg", description = "Aggregation over the window (default avg).")
        String aggregation;

        @Option(names = "--condition", required = true, description = "One of >, <, >=, <=.")
        String condition;

        @Option(names = "--threshold", required = true)
        double threshold;

        @Option(names = "--window", defaultValue = "5m", description = "Evaluation window (default 5m).")
        String window;

        @Option(names = "--for", defaultValue = "0s", description = "How long the condition must hold before firing.")
        String forDuration;

        @Option(names = "--severity", defaultValue = "warning", description = "info, warning or critical.")
        String severity;

        @Option(names = "--tag", paramLabel = "K=V", description = "A label put on the rule's events (repeatable).")
        List<String> tags;

        @Option(names = "--webhook", description = "URL the rule's events are POSTed to.")
        String webhook;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("name", name);
            rule.put("metric", metric);
            rule.put("match", LabelPairs.parse(spec, "--label", match));
            rule.put("aggregation", aggregation);
            rule.put("condition", condition);
            rule.put("threshold", threshold);
            rule.put("window", LabelPairs.isoDuration(window));
            rule.put("for", LabelPairs.isoDuration(forDuration));
            rule.put("severity", severity);
            rule.put("labels", LabelPairs.parse(spec, "--tag", tags));
            if (webhook != null) {
                rule.put("webhook", webhook);
            }
            AlertRuleInfo created = root.client().monitor().createRule(rule);
            root.output().object(created, List.of("id", "name", "condition"), value -> List.of(created.id(),
                    created.name(), describe(created)));
        }
    }

    @Command(name = "list", description = "List alert rules.")
    static final class ListRules implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            root.output().list(root.client().monitor().rules(), List.of("name", "condition", "for", "severity", "webhook"),
                    r -> Arrays.asList(r.name(), describe(r), r.forDuration(), r.severity(), r.webhook()));
        }
    }

    @Command(name = "delete", description = "Delete a rule by id or name.")
    static final class Delete implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID_OR_NAME")
        String rule;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            root.client().monitor().deleteRule(rule);
            root.output().message("deleted " + rule);
            if (root.output().format() == OutputFormat.JSON) {
                root.output().printJson(Map.of("deleted", rule));
            }
        }
    }

    @Command(name = "events", description = "Alert events, newest first.")
    static final class Events implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--rule", description = "Only this rule (id or name).")
        String rule;

        @Option(names = "--since", description = "Only events since: -1h, ISO-8601 or epoch ms.")
        String since;

        @Option(names = "--limit", defaultValue = "100")
        int limit;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            List<AlertEventInfo> events = root.client().monitor().events(Optional.ofNullable(rule),
                    Optional.ofNullable(since), limit);
            root.output().list(events, List.of("at", "rule", "state", "severity", "value", "message"),
                    e -> Arrays.asList(e.at(), e.rule(), e.state(), e.severity(), e.value(), e.message()));
        }
    }

    private static String describe(AlertRuleInfo rule) {
        return rule.aggregation() + "(" + rule.metric() + (rule.match().isEmpty() ? "" : rule.match().toString())
                + ") over " + rule.window() + " " + rule.condition() + " " + rule.threshold();
    }
}
