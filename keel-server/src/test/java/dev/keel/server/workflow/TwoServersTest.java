package dev.keel.server.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.client.pipelines.PipelineRun;
import dev.keel.core.config.DatabaseConfig;
import dev.keel.store.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real Keel servers sharing one real PostgreSQL: both engines and both trigger pollers work the same runs, and
 * still every step runs exactly once and a dataset commit starts exactly one run. Each step appends a line to a file
 * named by its run and step, so the files count executions.
 */
class TwoServersTest {
    @TempDir
    Path dir;

    @Test
    void twoServersOnOnePostgresNeverRunAStepTwice() throws Exception {
        DatabaseConfig database = TestDatabases.config(TestDatabases.POSTGRESQL, dir);
        Path marks = Files.createDirectories(dir.resolve("marks"));
        try (PipelineTestServer a = PipelineTestServer.start(Files.createDirectories(dir.resolve("a")), database);
                PipelineTestServer b = PipelineTestServer.start(Files.createDirectories(dir.resolve("b")), database)) {
            a.pipelines().apply("""
                    name: fan
                    steps:
                      - {name: s1, type: command, params: {command: [sh, -c, "echo run >> %1$s/${run.id}-s1"]}}
                      - {name: s2, type: command, params: {command: [sh, -c, "echo run >> %1$s/${run.id}-s2"]}}
                      - {name: s3, type: command, needs: [s1, s2],
                         params: {command: [sh, -c, "echo run >> %1$s/${run.id}-s3"]}}
                    """.formatted(marks));
            List<String> runIds = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                runIds.add((i % 2 == 0 ? a : b).pipelines().run("fan", Map.of()).id());
            }

            for (String runId : runIds) {
                PipelineRun run = a.awaitEnded(runId);
                assertThat(run.state()).as(run.toString()).isEqualTo("succeeded");
                for (String step : List.of("s1", "s2", "s3")) {
                    assertThat(Files.readAllLines(marks.resolve(runId + "-" + step))).as(runId + "/" + step).hasSize(1);
                    assertThat(run.step(step).attempt()).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void aDatasetCommitStartsOneRunThoughTwoServersPoll() throws Exception {
        DatabaseConfig database = TestDatabases.config(TestDatabases.POSTGRESQL, dir);
        try (PipelineTestServer a = PipelineTestServer.start(Files.createDirectories(dir.resolve("a")), database);
                PipelineTestServer b = PipelineTestServer.start(Files.createDirectories(dir.resolve("b")), database)) {
            a.pipelines().apply("""
                    name: on-points
                    parameters: {dataset_version: null}
                    triggers: [{dataset: points}]
                    steps: [{name: s, type: command, params: {command: [echo, "${trigger.dataset_version}"]}}]
                    """);

            a.commitPoints(dir.resolve("scratch"), 1, true);

            await().atMost(Duration.ofSeconds(30)).until(() -> !b.pipelines().runs(Optional.of("on-points"), 10)
                    .isEmpty());
            PipelineRun run = b.awaitEnded(b.pipelines().runs(Optional.of("on-points"), 10).getFirst().id());
            assertThat(run.state()).isEqualTo("succeeded");
            assertThat(run.step("s").outputs()).containsEntry("last_line", "1");
            a.server().workflows().triggers().poll();
            b.server().workflows().triggers().poll();
            assertThat(a.pipelines().runs(Optional.of("on-points"), 10)).hasSize(1);
        }
    }
}
