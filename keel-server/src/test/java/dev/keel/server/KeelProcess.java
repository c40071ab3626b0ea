package dev.keel.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code keel} command ({@link Main}) run in a JVM of its own, as a user runs it, with the test
 * classpath. The child sees no {@code KEEL_*} variable of the test's environment but the ones given, and
 * DJL telemetry stays off in it.
 */
public final class KeelProcess {
    public record Result(int exitCode, String out, String err) {}

    private final Path userHome;
    private final Path workingDirectory;
    private final List<String> trailingArguments;
    private final Duration timeout;

    /**
     * @param trailingArguments appended to every command (e.g. {@code --url … --token …})
     */
    public KeelProcess(Path userHome, Path workingDirectory, List<String> trailingArguments, Duration timeout) {
        this.userHome = userHome;
        this.workingDirectory = workingDirectory;
        this.trailingArguments = List.copyOf(trailingArguments);
        this.timeout = timeout;
    }

    /** The CLI as a logged-in user of {@code server}: {@code --url} and {@code --token} follow every command. */
    public static KeelProcess against(java.net.URI server, String token, Path userHome, Path workingDirectory,
            Duration timeout) {
        return new KeelProcess(userHome, workingDirectory, List.of("--url", server.toString(), "--token", token), timeout);
    }

    public Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    public Result run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "-Duser.home=" + userHome,
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        command.addAll(trailingArguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KEEL_"));
        builder.environment().put("OPT_OUT_TRACKING", "true");
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("keel " + String.join(" ", args) + " did not finish in " + timeout);
        }
        return new Result(process.exitValue(), out.get(), err.get());
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
