package dev.keel.server.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.client.KeelClient;
import dev.keel.client.pipelines.PipelineRun;
import dev.keel.client.pipelines.PipelinesClient;
import dev.keel.server.Main;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code keel server} process killed with SIGKILL in the middle of a pipeline; a new server on the same home
 * resumes the run: the step that was running is retried (its lease expired; it counts as an attempt), the steps that
 * had succeeded never run again. Each step appends a line to its own file, so the files count executions.
 */
class CrashResumeTest {
    private static final Duration LEASE = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void aPipelineResumesAfterKillMinus9WithoutRerunningSucceededSteps() throws Exception {
        Path home = dir.resolve("home");
        Path marks = Files.createDirectories(dir.resolve("marks"));
        String pipeline = """
                name: crashy
                steps:
                  - {name: first, type: command, params: {command: [sh, -c, "echo run >> %1$s/first"]}}
                  - {name: slow, type: command, needs: [first], retries: 1,
                     params: {command: [sh, -c, "echo run >> %1$s/slow; sleep 4"]}}
                  - {name: last, type: command, needs: [slow], params: {command: [sh, -c, "echo run >> %1$s/last"]}}
                """.formatted(marks);
        String runId;
        Process first = startServer(home, dir.resolve("first.log"));
        try {
            PipelinesClient pipelines = client(dir.resolve("first.log"));
            pipelines.apply(pipeline);
            runId = pipelines.run("crashy", Map.of()).id();
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(marks.resolve("slow")));
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook, the step stays RUNNING under its lease
            first.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(lines(marks.resolve("last"))).isZero();

        Process second = startServer(home, dir.resolve("second.log"));
        try {
            PipelinesClient pipelines = client(dir.resolve("second.log"));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> pipelines.getRun(runId).ended());
            PipelineRun run = pipelines.getRun(runId);

            assertThat(run.state()).as(run.toString()).isEqualTo("succeeded");
            assertThat(lines(marks.resolve("first"))).as("a succeeded step never runs again").isEqualTo(1);
            assertThat(lines(marks.resolve("slow"))).isEqualTo(2);
            assertThat(run.step("slow").attempt()).isEqualTo(2);
            assertThat(run.step("first").attempt()).isEqualTo(1);
            assertThat(lines(marks.resolve("last"))).isEqualTo(1);
        } finally {
            second.destroy();
            second.waitFor(60, TimeUnit.SECONDS);
            second.destroyForcibly();
        }
    }

    private static Process startServer(Path home, Path log) throws IOException {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "server", "--home", home.toString(), "--port", "0");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KEEL_"));
        builder.environment().put("OPT_OUT_TRACKING", "true");
        builder.environment().put("KEEL_ADMIN_TOKEN", PipelineTestServer.ADMIN_TOKEN);
        builder.environment().put("KEEL_WORKFLOW_LEASE", LEASE.toSeconds() + "s");
        builder.environment().put("KEEL_WORKFLOW_TICK", "100ms");
        return builder.start();
    }

    /** The client of the server whose output is {@code log}, once it printed where it listens. */
    private static PipelinesClient client(Path log) {
        String prefix = "Keel server listening on ";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(log) && Files.readString(log).contains(prefix));
        String url;
        try {
            url = Files.readString(log).lines().filter(line -> line.contains(prefix)).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        url = url.substring(url.indexOf(prefix) + prefix.length()).trim().split("\\s")[0];
        return new PipelinesClient(KeelClient.create(URI.create(url), PipelineTestServer.ADMIN_TOKEN));
    }

    private static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }
}
