package dev.keel.cli;

import dev.keel.cli.tokens.TokenCommand;
import dev.keel.client.KeelClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root {@code keel} command. Its global options are inherited by every subcommand, so
 * {@code keel token list --url …} works; subcommands reach them through {@link #of(CommandSpec)}.
 */
@Command(
        name = "keel",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT, // `--help` on every subcommand too
        versionProvider = VersionCommand.Provider.class,
        description = "Keel: a deep learning platform for the JVM.",
        subcommands = {
            TokenCommand.class,
            LoginCommand.class,
            VersionCommand.class,
            dev.keel.cli.tracking.ExperimentsCommand.class,
            dev.keel.cli.tracking.RunsCommand.class,
            dev.keel.cli.datasets.DatasetsCommand.class,
            dev.keel.cli.models.ModelsCommand.class,
            dev.keel.cli.endpoints.EndpointsCommand.class,
            dev.keel.cli.monitor.MetricsCommand.class,
            dev.keel.cli.monitor.AlertsCommand.class,
            dev.keel.cli.pipelines.PipelinesCommand.class,
        })
public final class KeelCommand implements Runnable {
    private final Map<String, String> env;
    private final Path userHome;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Keel server URL (default: KEEL_URL, then `keel login`'s, then " + ServerTarget.DEFAULT_URL + ").")
    String url;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "API token (default: KEEL_TOKEN, then `keel login`'s).")
    String token;

    @Option(names = "--output", scope = ScopeType.INHERIT, paramLabel = "FORMAT", defaultValue = "table",
            converter = OutputFormatConverter.class, description = "table (default) or json.")
    OutputFormat output = OutputFormat.TABLE;

    public KeelCommand(Map<String, String> env, Path userHome) {
        this.env = Map.copyOf(env);
        this.userHome = userHome;
    }

    /** The root command of any (sub)command, for its global options. */
    public static KeelCommand of(CommandSpec spec) {
        return (KeelCommand) spec.root().userObject();
    }

    public Map<String, String> env() {
        return env;
    }

    public Path userHome() {
        return userHome;
    }

    public CliConfigFile configFile() {
        return CliConfigFile.locate(env, userHome);
    }

    public ServerTarget target() {
        return ServerTarget.resolve(url, token, env, configFile());
    }

    public KeelClient client() {
        ServerTarget target = target();
        return KeelClient.create(target.url(), target.token().orElse(null));
    }

    public CommandOutput output() {
        return new CommandOutput(output, out());
    }

    public PrintWriter out() {
        return spec.commandLine().getOut();
    }

    public PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public void run() {
        spec.commandLine().usage(out());
    }
}
