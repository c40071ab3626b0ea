package dev.keel.server;

import dev.keel.cli.ExitCodes;
import dev.keel.core.config.KeelConfig;
import dev.keel.core.config.KeelConfigLoader;
import dev.keel.core.config.KeelHome;
import dev.keel.core.error.KeelException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keel server}: runs every component on one port until SIGTERM/SIGINT, then shuts down gracefully. */
@Command(name = "server", description = "Run the Keel server (API, metrics, health) until interrupted.")
final class ServerCommand implements Callable<Integer> {
    private final Map<String, String> env;
    private final Path userHome;

    @Spec
    CommandSpec spec;

    @Option(names = "--home", paramLabel = "DIR", description = "Keel home (default: KEEL_HOME, then ~/.keel).")
    Path home;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default 7733; 0 = any free port).")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to bind (default 127.0.0.1).")
    String host;

    ServerCommand(Map<String, String> env, Path userHome) {
        this.env = env;
        this.userHome = userHome;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path keelHome = KeelHome.resolve(Optional.ofNullable(home), env, userHome);
        Map<String, String> overrides = new LinkedHashMap<>();
        if (port != null) {
            overrides.put("server.port", String.valueOf(port));
        }
        if (host != null) {
            overrides.put("server.host", host);
        }
        KeelServer server;
        try {
            KeelConfig config = KeelConfigLoader.loadOrThrow(keelHome, env, overrides);
            server = new KeelServer(config, Clock.systemUTC()).start();
        } catch (KeelException e) {
            err.println("error: " + e.getMessage());
            if (e.details().size() > 1) {
                e.details().forEach(d -> err.println("  - " + d));
            }
            err.flush();
            return ExitCodes.INVALID_INPUT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "keel-shutdown"));
        out.println("Keel server listening on " + server.url() + " (home " + keelHome + ")");
        server.generatedAdminToken().ifPresent(token -> {
            out.println("Admin token (shown once, store it now): " + token);
            out.println("  keel login --url " + server.url() + " --token " + token);
        });
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
