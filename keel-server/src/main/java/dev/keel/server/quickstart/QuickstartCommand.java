package dev.keel.server.quickstart;

import dev.keel.cli.ExitCodes;
import dev.keel.client.KeelClientException;
import dev.keel.core.error.KeelException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keel quickstart}: the whole platform on genuine Fashion-MNIST, in one command. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Run the whole loop on genuine Fashion-MNIST: import, train, register, export, deploy, "
                + "predict, retrain on new data and promote if better. Exits 0 only when every step worked.")
public final class QuickstartCommand implements Callable<Integer> {
    private final Map<String, String> env;

    @Spec
    CommandSpec spec;

    @Option(names = "--home", paramLabel = "DIR",
            description = "Keel home to create (default: a temporary folder, deleted at the end unless --keep-running).")
    Path home;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "API port (default: any free port).")
    int port;

    @Option(names = "--data", paramLabel = "SOURCE", defaultValue = "auto",
            description = "auto (Debian package dataset-fashion-mnist when installed, else the bundled genuine subset), "
                    + "debian or bundled.")
    String data;

    @Option(names = "--epochs", defaultValue = "1", description = "Training epochs per run (default 1).")
    int epochs;

    @Option(names = "--first-fraction", defaultValue = "0.34", paramLabel = "F",
            description = "Share of the training images in the first dataset version (default 0.34); the second has all.")
    double firstFraction;

    @Option(names = "--test-limit", defaultValue = "0", paramLabel = "N",
            description = "Send at most N test images (default 0: all).")
    int testLimit;

    @Option(names = "--client-threads", defaultValue = "4", paramLabel = "N",
            description = "Concurrent client threads sending the test split (default 4).")
    int clientThreads;

    @Option(names = "--keep-running", description = "Leave the server up at the end (Ctrl-C stops it).")
    boolean keepRunning;

    public QuickstartCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!List.of("auto", "debian", "bundled").contains(data)) {
            err.println("error: --data: " + data + " (expected: auto, debian or bundled)");
            err.flush();
            return ExitCodes.INVALID_INPUT;
        }
        quietServerLogs();
        boolean temporary = home == null;
        Path keelHome = temporary ? Files.createTempDirectory("keel-quickstart-") : home.toAbsolutePath();
        out.println("Keel quickstart — the whole platform on genuine Fashion-MNIST (home " + keelHome + ")");
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "keel-quickstart-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            new Quickstart(new Quickstart.Options(keelHome, port, data, epochs, firstFraction, testLimit, clientThreads,
                    keepRunning), env, out).run(() -> awaitUninterruptibly(stop));
            return ExitCodes.OK;
        } catch (KeelClientException | KeelException | IllegalArgumentException | IllegalStateException
                 | UncheckedIOException e) {
            err.println("quickstart failed: " + e.getMessage());
            err.flush();
            if (e instanceof KeelClientException client) {
                return ExitCodes.of(client);
            }
            return e instanceof IllegalArgumentException ? ExitCodes.INVALID_INPUT : ExitCodes.OTHER;
        } finally {
            if (!keepRunning) {
                removeHook(hook);
            }
            if (temporary && !keepRunning) {
                deleteTree(keelHome);
            }
        }
    }

    /** The embedded server's INFO lines would bury the steps; warnings and errors still show. */
    private static void quietServerLogs() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
            // DJL probes for CUDA on every engine start and warns on machines without a GPU driver.
            context.getLogger("ai.djl.util.cuda").setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the JVM is exiting anyway
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing a run that worked
        }
    }
}
