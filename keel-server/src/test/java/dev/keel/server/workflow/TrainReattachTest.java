package dev.keel.server.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.client.pipelines.PipelineRun;
import dev.keel.core.config.DatabaseConfig;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server stopped while a pipeline's train step waits for its job: the worker keeps training, the next server on
 * the same home re-attaches the job queue to it, and the step re-attaches to the same job instead of training again
 * (and without using up an attempt).
 */
class TrainReattachTest {
    @TempDir
    Path home;

    @BeforeEach
    void shortLease() {
        // The documented knob (KEEL_WORKFLOW_LEASE's property twin): the next server takes over after 2 s, not 15 s.
        System.setProperty("keel.workflow.lease", "2s");
    }

    @AfterEach
    void defaultLease() {
        System.clearProperty("keel.workflow.lease");
    }

    @Test
    void aRestartedServerReattachesTheTrainStepToItsRunningJob() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // workers call back on this port, so the next server must use it too
        }
        DatabaseConfig database = DatabaseConfig.sqlite(home.resolve("keel.db"));
        String runId;
        try (PipelineTestServer first = PipelineTestServer.start(home, database, port)) {
            first.commitPoints(home.resolve("scratch"), 3, true);
            first.pipelines().apply("""
                    name: long-training
                    steps:
                      - name: train
                        type: train
                        timeout: 5m
                        params:
                          spec: |
                    %s
                          epochs: 40
                    """.formatted(PipelineTestServer.TRAINING_SPEC.indent(8).stripTrailing()));
            runId = first.pipelines().run("long-training", Map.of()).id();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> {
                String job = first.pipelines().getRun(runId).step("train").externalRef();
                return job != null && "running".equals(first.admin().get("/api/v1/jobs/" + job, JsonNode.class)
                        .path("state").asText());
            });
        }

        try (PipelineTestServer second = PipelineTestServer.start(home, database, port)) {
            PipelineRun run = second.awaitEnded(runId);

            assertThat(run.state()).as(run.toString()).isEqualTo("succeeded");
            PipelineRun.Step train = run.step("train");
            assertThat(train.attempt()).isEqualTo(1);
            assertThat(train.log()).contains("re-attached to job " + train.externalRef());
            assertThat(train.outputs()).containsEntry("job_id", train.externalRef());
            JsonNode jobs = second.admin().get("/api/v1/jobs", JsonNode.class).path("jobs");
            assertThat(jobs.size()).as("one job trained, not two").isEqualTo(1);
            assertThat(jobs.get(0).path("state").asText()).isEqualTo("succeeded");
        }
    }
}
