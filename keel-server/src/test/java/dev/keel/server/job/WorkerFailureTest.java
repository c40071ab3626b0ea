package dev.keel.server.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.train.job.LocalProcessExecutor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers that stop before finishing: cancelled by a user, or killed by the OS (SIGKILL, as the OOM killer does).
 * Each step is slowed by a test hook so the worker is caught mid-run.
 */
class WorkerFailureTest {
    @TempDir
    static Path home;

    private static JobServer server;

    @BeforeAll
    static void start() throws Exception {
        server = JobServer.start(home, Map.of("KEEL_WORKER_TEST_STEP_DELAY_MS", "500"));
        server.commitPoints(home.resolve("scratch"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode training() {
        String id = server.submit(JobServer.SPEC).path("id").asText();
        return server.awaitJob(id, job -> job.path("progress").path("step").asLong() >= 1);
    }

    @Test
    void cancelStopsTheWorkerProcessAndMarksTheJobCancelled() {
        JsonNode running = training();
        long pid = LocalProcessExecutor.pid(running.path("worker").asText());

        JsonNode cancelled = server.admin().post("/api/v1/jobs/" + running.path("id").asText() + "/cancel", Map.of(),
                JsonNode.class);

        assertThat(cancelled.path("state").asText()).isEqualTo("cancelled");
        assertThat(cancelled.path("reason").asText()).isEqualTo("cancelled by admin");
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        JsonNode run = server.admin().get("/api/v1/runs/" + running.path("runId").asText(), JsonNode.class);
        assertThat(run.toString()).contains("KILLED");
    }

    @Test
    void workerKilledBySigkillFailsTheJobWithItsExitCauseAndTheServerCarriesOn() {
        JsonNode running = training();
        ProcessHandle worker = ProcessHandle.of(LocalProcessExecutor.pid(running.path("worker").asText())).orElseThrow();

        worker.destroyForcibly();

        JsonNode failed = server.awaitEnded(running.path("id").asText());
        assertThat(failed.path("state").asText()).isEqualTo("failed");
        assertThat(failed.path("reason").asText())
                .isEqualTo("worker exited with code 137 (killed: SIGKILL, possibly out of memory)");
        assertThat(failed.path("exitCode").asInt()).isEqualTo(137);
        assertThat(server.admin().get("/api/v1/jobs", JsonNode.class).path("jobs").size()).isGreaterThanOrEqualTo(1);
        assertThat(Optional.ofNullable(server.server().jobs())).isPresent();
    }
}
