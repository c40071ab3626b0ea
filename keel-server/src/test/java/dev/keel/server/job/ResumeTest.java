package dev.keel.server.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that dies right after its first checkpoint (a test hook halts the JVM with exit code 3, as abruptly as
 * a crash) fails the job with the exit cause; resuming continues from the uploaded checkpoint in a new worker and
 * ends with exactly the weights of an uninterrupted run. Two servers share one home, one after the other.
 */
class ResumeTest {
    @TempDir
    Path home;

    @Test
    void resumedRunEndsWithTheWeightsOfAnUninterruptedRun() throws Exception {
        String uninterrupted;
        try (JobServer server = JobServer.start(home, Map.of())) {
            server.commitPoints(home.resolve("scratch"));
            JsonNode job = server.awaitEnded(server.submit(JobServer.SPEC).path("id").asText());
            assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("succeeded");
            uninterrupted = weightsHash(server, job);
        }
        try (JobServer server = JobServer.start(home, Map.of("KEEL_WORKER_TEST_HALT_AFTER_CHECKPOINTS", "1"))) {
            String id = server.submit(JobServer.SPEC).path("id").asText();
            JsonNode crashed = server.awaitEnded(id);
            assertThat(crashed.path("state").asText()).isEqualTo("failed");
            assertThat(crashed.path("reason").asText()).isEqualTo("worker exited with code 3");
            assertThat(server.admin().get("/api/v1/jobs/" + id, JsonNode.class).path("id").asText()).isEqualTo(id);

            JsonNode resumed = server.admin().post("/api/v1/jobs/" + id + "/resume", Map.of(), JsonNode.class);
            assertThat(resumed.path("attempt").asInt()).isEqualTo(2);
            JsonNode finished = server.awaitEnded(id);

            assertThat(finished.path("state").asText()).as(finished.toString()).isEqualTo("succeeded");
            assertThat(finished.path("runId").asText()).isEqualTo(crashed.path("runId").asText());
            assertThat(weightsHash(server, finished)).isEqualTo(uninterrupted);
            String log = server.admin().get("/api/v1/jobs/" + id + "/logs", JsonNode.class).path("text").asText();
            assertThat(log).contains("test hook: halting").contains("resuming from checkpoints/step-");
        }
    }

    private static String weightsHash(JobServer server, JsonNode job) {
        JsonNode run = server.admin().get("/api/v1/runs/" + job.path("runId").asText(), JsonNode.class);
        String hash = run.path("tags").path("keel.weightsHash").asText();
        assertThat(hash).as(run.toString()).hasSize(64);
        return hash;
    }
}
